package org.dovelua.varexpand.v24;

import static org.dovelua.varexpand.v24.VarExpand24.anyOrVar;
import static org.dovelua.varexpand.v24.VarExpand24.stringOrVar;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.varexpand.v24.VarExpand24.State;
import org.dovelua.varexpand.v24.VarExpand24Filters.FilterError;
import org.dovelua.varexpand.v24.VarExpand24Program.Param;
import org.dovelua.varexpand.v24.VarExpand24Program.Statement;

/**
 * 2.4.3's {@code switch(lhs, op, cond, value, ..., default)} filter (expansion-filter-if.c
 * {@code expansion_filter_switch}, commit a1ecade1f1): if's comparison against each condition in
 * turn, the first match's value; an odd last parameter is the default. With a value piped in the
 * value is the left-hand side. Registered by {@link VarExpand24Filters#find} from
 * {@code Since.VAR_EXPAND_SWITCH}.
 */
final class VarExpand24Switch {
    private VarExpand24Switch() {
    }

    /** {@code struct switch_cond}: cond null is the default (or, appended zeroed, "no default"). */
    private record Cond(Param cond, Param value) {
    }

    private static final int LHS = 0;
    private static final int OP = 1;
    private static final int COND = 2;
    private static final int VALUE = 3;

    static void apply(Statement stmt, State state) throws FilterError {
        boolean useFirstAsLhs = !state.transferSet;
        Param lhs = null;
        Param pendingCond = null;
        String op = null;
        List<Cond> conds = new ArrayList<>();
        int parse = useFirstAsLhs ? LHS : OP;
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw VarExpand24Filters.unsupportedKey(p.key());
            }
            switch (parse) {
                case LHS -> {
                    lhs = p;
                    parse = OP;
                }
                case OP -> {
                    try {
                        op = stringOrVar(state, p);
                    } catch (FilterError e) {
                        throw new FilterError("Comparator: " + e.getMessage());
                    }
                    parse = COND;
                }
                case COND -> {
                    pendingCond = p;
                    parse = VALUE;
                }
                default -> {
                    conds.add(new Cond(pendingCond, p));
                    pendingCond = null;
                    parse = COND;
                }
            }
        }
        if (parse > OP && conds.isEmpty()) {
            throw new FilterError("At least one condition-value pair is required");
        } else if (parse == VALUE && pendingCond != null) {
            conds.add(new Cond(null, pendingCond)); // the odd one out is the default
        } else if (parse == COND) {
            conds.add(new Cond(null, null)); // no default: array_append_zero()
        } else {
            throw new FilterError("Missing parameters"); // parse_state is never STATE_DONE
        }
        int opIdx = VarExpand24Filters.IF_OPS.indexOf(op);
        if (opIdx < 0) {
            throw new FilterError("Unsupported comparator '" + op + "'");
        }
        boolean numeric = opIdx < 6;
        if (!useFirstAsLhs) {
            lhs = VarExpand24Filters.lhsFromState(state, numeric);
        }
        Param res = null;
        int condNum = 0;
        for (Cond c : conds) {
            if (c.cond() == null) {
                res = c.value();
                break;
            }
            if (VarExpand24Filters.compare(state, lhs, opIdx, c.cond())) {
                res = c.value();
                break;
            }
            condNum++;
        }
        if (res == null) {
            state.unset();
            throw new FilterError("No default value provided");
        }
        String value;
        try {
            value = anyOrVar(state, res);
        } catch (FilterError e) {
            throw new FilterError("in condition #" + condNum + ": " + e.getMessage());
        }
        state.set(value);
    }
}
