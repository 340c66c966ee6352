package org.dovelua.lua.coverage;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.lua54.Lua54Syntax;
import org.luaj.vm2.ast.Block;
import org.luaj.vm2.ast.Exp;
import org.luaj.vm2.ast.Stat;
import org.luaj.vm2.ast.Visitor;
import org.luaj.vm2.parser.LuaParser;
import org.luaj.vm2.parser.ParseException;

/**
 * The arms of every {@code if} statement of a file, found in LuaJ's syntax tree (after the 5.4
 * front end, which keeps line numbers). An arm is taken when its first statement's line ran: line
 * hits cannot tell more. So an arm counts only when that line is its own: an empty arm
 * ({@code if x then else ... end}), a one-line arm ({@code if x then return end}, whose line also
 * holds the condition) and an implicit {@code else} have no line of their own and are left out of
 * the branch counts rather than guessed.
 */
final class IfArms {
    /** One {@code if} statement's arm: the statement's line, its index among the ifs on that line, the arm's index. */
    record Arm(int ifLine, int block, int branch, int probeLine) {
    }

    private IfArms() {
    }

    /** Every measurable arm, in source order; none when the file does not parse. */
    static List<Arm> of(String chunkname, String source, java.util.NavigableSet<Integer> executable) {
        String text = Lua54Syntax.rewrite(chunkname, ExecutableLines.withoutHeader(source));
        org.luaj.vm2.ast.Chunk chunk;
        try {
            chunk = new LuaParser(new StringReader(text)).Chunk();
        } catch (ParseException | RuntimeException | Error e) {
            return List.of();
        }
        List<Arm> arms = new ArrayList<>();
        java.util.Map<Integer, Integer> ifsOnLine = new java.util.HashMap<>();
        chunk.accept(new Visitor() {
            @Override
            public void visit(Stat.IfThenElse s) {
                int line = s.beginLine;
                int block = ifsOnLine.merge(line, 1, Integer::sum) - 1;
                List<Block> blocks = new ArrayList<>();
                List<Integer> heads = new ArrayList<>();
                blocks.add(s.ifblock);
                heads.add(s.ifexp.endLine);
                for (int i = 0; s.elseifblocks != null && i < s.elseifblocks.size(); i++) {
                    blocks.add((Block) s.elseifblocks.get(i));
                    heads.add(((Exp) s.elseifexps.get(i)).endLine);
                }
                if (s.elseblock != null) {
                    // `else` compiles to no instruction of its own: the arm's head is where the previous arm ended
                    heads.add(lastLine(blocks.get(blocks.size() - 1), heads.get(heads.size() - 1)));
                    blocks.add(s.elseblock);
                }
                for (int b = 0; b < blocks.size(); b++) {
                    int probe = probe(blocks.get(b), heads.get(b), executable);
                    if (probe > 0) {
                        arms.add(new Arm(line, block, b, probe));
                    }
                }
                super.visit(s);
            }
        });
        return arms;
    }

    /** The first executable line of the arm's first statement, when it is past the arm's head; else 0. */
    private static int probe(Block b, int headLine, java.util.NavigableSet<Integer> executable) {
        if (b == null || b.stats == null || b.stats.isEmpty()) {
            return 0;
        }
        Stat first = (Stat) b.stats.get(0);
        Integer line = executable.ceiling(first.beginLine);
        if (line == null || line > Math.max(first.endLine, first.beginLine) || line <= headLine) {
            return 0;
        }
        return line;
    }

    private static int lastLine(Block b, int headLine) {
        if (b == null || b.stats == null || b.stats.isEmpty()) {
            return headLine;
        }
        Stat last = (Stat) b.stats.get(b.stats.size() - 1);
        return Math.max(last.endLine, last.beginLine);
    }
}
