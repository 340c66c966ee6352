package org.dovelua.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a mistyped command line is told: a global option given after the command is explained
 * ({@code --script is a global option: put it before `auth test`}), a misspelled command or
 * option gets "did you mean", and the usage of the command follows.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    static void explain(CommandLine.ParameterException ex, String[] args, CommandLine root, PrintWriter err) {
        CommandLine at = ex.getCommandLine();
        String unknownCommand = unknownCommand(args, root);
        if (unknownCommand != null) {
            err.println("dovelua: unknown command '" + unknownCommand + "'" + didYouMean(unknownCommand,
                    root.getSubcommands().keySet()));
            root.usage(err);
            return;
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            Set<String> global = names(root);
            String path = at.getCommandSpec().qualifiedName().replaceFirst("^dovelua ?", "");
            for (String arg : u.getUnmatched()) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (at != root && global.contains(name)) {
                    err.println("dovelua: " + name + " is a global option: put it before `" + path + "` (dovelua "
                            + (arg.contains("=") ? arg : name + valueLabel(root, name)) + " " + path + " ...)");
                    at.usage(err);
                    return;
                }
            }
            for (String arg : u.getUnmatched()) {
                if (arg.startsWith("-")) {
                    String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                    String own = didYouMean(name, names(at));
                    String globalHint = at == root || !own.isEmpty() ? "" : didYouMean(name, global);
                    err.println("dovelua: unknown option '" + name + "'" + (path.isEmpty() ? "" : " for `" + path + "`")
                            + own + (globalHint.isEmpty() ? "" : globalHint.substring(0, globalHint.length() - 1)
                                    + " (a global option: put it before `" + path + "`)?"));
                    at.usage(err);
                    return;
                }
            }
        }
        err.println("dovelua: " + ex.getMessage());
        at.usage(err);
    }

    /** The first word that is neither an option (or an option's value) nor a command of the root. */
    private static String unknownCommand(String[] args, CommandLine root) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-")) {
                OptionSpec o = root.getCommandSpec().findOption(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
                if (o == null) {
                    return null; // an unknown option: said as such, its value cannot be told from a command
                }
                if (o.arity().min() > 0 && !a.contains("=")) {
                    i++; // its value
                }
                continue;
            }
            return root.getSubcommands().containsKey(a) ? null : a;
        }
        return null;
    }

    /** {@code " FILE.lua"} for an option that takes a value, else nothing. */
    private static String valueLabel(CommandLine c, String name) {
        OptionSpec o = c.getCommandSpec().findOption(name);
        return o == null || o.arity().min() == 0 ? "" : " " + o.paramLabel();
    }

    private static Set<String> names(CommandLine c) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : c.getCommandSpec().options()) {
            names.addAll(List.of(o.names()));
        }
        return names;
    }

    /** {@code ; did you mean 'x'?} for the candidates within two edits (or a prefix), else nothing. */
    static String didYouMean(String word, Set<String> candidates) {
        List<String> close = new ArrayList<>();
        for (String c : candidates) {
            if (org.dovelua.lib.EditDistance.osa(word, c) <= Math.max(1, Math.min(2, c.length() / 3)) || c.startsWith(word) && word.length() > 2) {
                close.add(c);
            }
        }
        close.sort(Comparator.comparingInt((String c) -> org.dovelua.lib.EditDistance.osa(word, c)).thenComparing(c -> c));
        if (close.isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(" or ", close.stream().limit(3).map(c -> "'" + c + "'").toList()) + "?";
    }

}
