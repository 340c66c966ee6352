package org.dovelua.auth.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * File access for the config reader: relative paths, {@code !include} globs and error texts in
 * strerror() wording (what Dovecot's {@code %m} prints), so messages read like Dovecot's.
 */
final class ConfigFiles {
  private ConfigFiles() {}

  /** Thrown for a path Java cannot represent or a glob it cannot compile. */
  static final class BadPathException extends Exception {
    private static final long serialVersionUID = 1L;

    BadPathException(String message) {
      super(message);
    }
  }

  /**
   * config-parser.c {@code fix_relative_path()}: a relative path is taken from the including
   * file's directory; a file without a directory leaves it relative to the working directory.
   */
  static Path resolve(Path includingFile, String path) throws BadPathException {
    try {
      Path p = Path.of(path);
      Path dir = includingFile.getParent();
      return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    } catch (InvalidPathException e) {
      throw new BadPathException(e.getReason());
    }
  }

  static boolean isGlob(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
  }

  /**
   * Expands a glob in the last path component, sorted as glob(3) sorts. Like glob(3), a wildcard
   * does not match a leading dot. Wildcards in directory components are taken literally.
   */
  static List<Path> glob(Path pattern) throws BadPathException {
    Path dir = pattern.getParent() == null ? Path.of("") : pattern.getParent();
    String namePattern = pattern.getFileName().toString();
    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + namePattern);
    } catch (IllegalArgumentException e) { // includes PatternSyntaxException
      throw new BadPathException("Invalid glob pattern " + namePattern);
    }
    List<String> names = new ArrayList<>();
    Path listDir = dir.toString().isEmpty() ? Path.of(".") : dir;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(listDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") && !namePattern.startsWith(".")) {
          continue;
        }
        if (matcher.matches(entry.getFileName())) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      return List.of(); // glob(3): an unreadable or missing directory is no match
    }
    names.sort(null);
    List<Path> result = new ArrayList<>();
    for (String name : names) {
      result.add(dir.resolve(name));
    }
    return result;
  }

  /** Reads a file as UTF-8; invalid bytes become U+FFFD rather than failing. */
  static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  /** The strerror() text Dovecot's {@code %m} would print for this failure. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    String message = e.getMessage();
    return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
  }
}
