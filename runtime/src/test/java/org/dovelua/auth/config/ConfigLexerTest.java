package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLexerTest {
  private static final Path CONF = Path.of("dovecot.conf");

  /** Tokens as "TYPE key=value@line", END_OF_FILE left out. */
  private static List<String> lex(String text) throws ConfigException {
    return new ConfigLexer().lex(text, CONF).stream()
        .filter(t -> t.type() != Token.Type.END_OF_FILE)
        .map(t -> t.type() + " " + t.key() + "=" + t.value() + "@" + t.line())
        .collect(Collectors.toList());
  }

  @Test
  void keyValueTakesTheRestOfTheLineTrimmed() throws Exception {
    assertThat(lex("  auth_mechanisms   =  plain login \t\n"))
        .containsExactly("SETTING auth_mechanisms=plain login@1");
  }

  @Test
  void keyValueNeedsNoSpacesAroundEquals() throws Exception {
    assertThat(lex("a=b\nc= d\ne =f")).containsExactly("SETTING a=b@1", "SETTING c=d@2",
        "SETTING e=f@3");
  }

  @Test
  void emptyValue() throws Exception {
    assertThat(lex("auth_username_format =\nx = \"\"")).containsExactly(
        "SETTING auth_username_format=@1", "SETTING x=@2");
  }

  @Test
  void doubleQuotedValueIsUnquotedWithBackslashEscapes() throws Exception {
    assertThat(lex("a = \"  say \\\"hi\\\" \\\\ # not a comment  \""))
        .containsExactly("SETTING a=  say \"hi\" \\ # not a comment  @1");
  }

  @Test
  void singleQuotedValueIsUnquotedToo() throws Exception {
    // config-parser.c treats ' like "
    assertThat(lex("a = 'x # y'")).containsExactly("SETTING a=x # y@1");
  }

  @Test
  void quotesOnlyCountWhenTheyWrapTheWholeValue() throws Exception {
    assertThat(lex("args = file=\"/x y\" blocking=no"))
        .containsExactly("SETTING args=file=\"/x y\" blocking=no@1");
  }

  @Test
  void otherWhitespaceThanSpaceAndTabIsPartOfTheValue() throws Exception {
    assertThat(lex("a = \u00a0x\u000b")).containsExactly("SETTING a=\u00a0x\u000b@1");
  }

  @Test
  void sectionStarts() throws Exception {
    assertThat(lex("passdb {\n}\npassdb lua {\n}\nlua_settings {\n}\nservice anvil {\n}"))
        .containsExactly("SECTION_START passdb=@1", "SECTION_END =@2",
            "SECTION_START passdb=lua@3", "SECTION_END =@4",
            "SECTION_START lua_settings=@5", "SECTION_END =@6",
            "SECTION_START service=anvil@7", "SECTION_END =@8");
  }

  @Test
  void sectionEndAloneOnItsLineWithIndentAndComment() throws Exception {
    assertThat(lex("a {\n\t  }   # done")).containsExactly("SECTION_START a=@1",
        "SECTION_END =@2");
  }

  @Test
  void commentsAndBlankLinesAreSkipped() throws Exception {
    assertThat(lex("# top\n\n   \t\n  # indented\na = b # trailing\n"))
        .containsExactly("SETTING a=b@5");
  }

  @Test
  void hashInsideQuotesIsNotAComment() throws Exception {
    assertThat(lex("a = \"x # y\" # z")).containsExactly("SETTING a=x # y@1");
  }

  @Test
  void hashAfterAnUnterminatedQuoteIsNotAComment() throws Exception {
    // config-parser.c stops looking for comments at an unterminated quote
    assertThat(lex("a = it's # here")).containsExactly("SETTING a=it's # here@1");
  }

  @Test
  void hashNotAfterWhitespaceIsStillACommentWithDovecotsWarning() throws Exception {
    ConfigLexer lexer = new ConfigLexer();
    List<Token> tokens = lexer.lex("\n\npassword = {PLAIN}te#st\n", CONF);
    assertThat(tokens.get(0).value()).isEqualTo("{PLAIN}te");
    assertThat(lexer.warnings()).containsExactly("dovecot.conf:3: Ambiguous '#' character in"
        + " line, treating it as comment. Add a space before it to remove this warning.");
  }

  @Test
  void lineContinuationJoinsWithOneSpaceAndKeepsTheFirstLineNumber() throws Exception {
    assertThat(lex("x = 1\nargs = file=/a.lua \\\n     blocking=no\\\n\tcache_key=%u\ny = 2"))
        .containsExactly("SETTING x=1@1",
            "SETTING args=file=/a.lua blocking=no cache_key=%u@2", "SETTING y=2@5");
  }

  @Test
  void commentAndBlankLinesInsideAContinuationAreSkipped() throws Exception {
    assertThat(lex("a = 1 \\\n# c\n\n  2")).containsExactly("SETTING a=1 2@1");
  }

  @Test
  void continuationAtEndOfFileIsKept() throws Exception {
    assertThat(lex("a = 1 \\")).containsExactly("SETTING a=1@1");
  }

  @Test
  void crlfLineEndings() throws Exception {
    assertThat(lex("a = b\r\nc {\r\n}\r\n")).containsExactly("SETTING a=b@1",
        "SECTION_START c=@2", "SECTION_END =@3");
  }

  @Test
  void variableValueIsMarkedForTheParser() throws Exception {
    assertThat(lex("mail_plugins = $mail_plugins quota\nq = \"$x\""))
        .containsExactly("VARIABLE_SETTING mail_plugins=$mail_plugins quota@1",
            "SETTING q=$x@2");
  }

  @Test
  void valueFromFileIsTheTrimmedContentRelativeToTheConfig(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("secret.txt"), "\n  s3cr#t value \n\n");
    List<Token> tokens = new ConfigLexer().lex("pw = <secret.txt\nq = < " + dir.resolve(
        "secret.txt"), dir.resolve("dovecot.conf"));
    assertThat(tokens.get(0).value()).isEqualTo("s3cr#t value");
    assertThat(tokens.get(1).value()).isEqualTo("s3cr#t value");
  }

  @Test
  void tokensFromIncludesNameTheirFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("inc.conf"), "\nb = 2\n");
    Path conf = dir.resolve("dovecot.conf");
    Files.writeString(conf, "a = 1\n!include inc.conf\nc = 3\n");
    List<Token> tokens = new ConfigLexer().lex(conf);
    assertThat(tokens).extracting(Token::location).containsExactly(conf + ":1",
        dir.resolve("inc.conf") + ":2", conf + ":3", conf + ":3");
    assertThat(tokens.get(3).type()).isEqualTo(Token.Type.END_OF_FILE);
  }

  @Test
  void endOfFileTokenCarriesTheLastLine() throws Exception {
    List<Token> tokens = new ConfigLexer().lex("a = 1\n\n# x\n", CONF);
    assertThat(tokens).last().extracting(Token::line).isEqualTo(3);
  }

  @Test
  void valueEndingInBraceIsRejected() {
    assertThatThrownBy(() -> lex("passdb {\n  driver = lua }"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("dovecot.conf:2: Unexpected '}' after the value of driver (put '}' on a"
            + " line of its own; Dovecot would keep it as part of the value)");
  }

  @Test
  void braceInsideAValueIsFine() throws Exception {
    assertThat(lex("default_fields = home=/h/%{user}\nx = \"a }\""))
        .containsExactly("SETTING default_fields=home=/h/%{user}@1", "SETTING x=a }@2");
  }

  @Test
  void unescapeDropsATrailingBackslash() {
    assertThat(ConfigLexer.unescape("a\\")).isEqualTo("a");
    assertThat(ConfigLexer.unescape("\\n\\\\")).isEqualTo("n\\");
  }

  @Test
  void aLexerIsUsedOnce() throws Exception {
    ConfigLexer lexer = new ConfigLexer();
    lexer.lex("a = 1", CONF);
    assertThatThrownBy(() -> lexer.lex("b = 2", CONF)).isInstanceOf(IllegalStateException.class);
  }
}
