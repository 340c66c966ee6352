package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * askpass.c without a terminal: the password is stdin up to the first LF or CR (or its end), with no
 * prompt; /dev/null gives an empty one, as doveadm auth test -A ANONYMOUS USER does (case 514).
 */
class PromptTest {
  private static String asked(String stdin) {
    StringWriter err = new StringWriter();
    DoveluaCommand root = new DoveluaCommand(new PrintWriter(new StringWriter()), new PrintWriter(err));
    root.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    String pw = Prompt.password(root);
    assertThat(err.toString()).as("no prompt without a terminal").isEmpty();
    return pw;
  }

  @Test
  void readsStdinUpToTheFirstLineEnd() {
    assertThat(asked("secret\nnext\n")).isEqualTo("secret");
    assertThat(asked("se cret\rnext")).isEqualTo("se cret");
    assertThat(asked("no newline")).isEqualTo("no newline");
    assertThat(asked("")).isEmpty();
  }
}
