package org.dovelua.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.ast.Chunk;
import org.luaj.vm2.ast.Exp;
import org.luaj.vm2.ast.FuncBody;
import org.luaj.vm2.ast.Name;
import org.luaj.vm2.ast.Stat;
import org.luaj.vm2.ast.SyntaxElement;
import org.luaj.vm2.ast.TableConstructor;
import org.luaj.vm2.ast.TableField;
import org.luaj.vm2.ast.Visitor;

/**
 * What the static analyser knows of a script: its functions, which variables hold the request
 * (the first parameter of the {@code auth_*} functions db-lua.c calls with one, local aliases,
 * and the parameters of functions it is passed to), and every node the rules look at with the
 * function it is in (null: the chunk's top level).
 */
final class ScriptModel {
    /**
     * db-lua.c's functions called with the request as first argument (not the 2.4 cache-key ones: they
     * run once at init with no argument, LuaScriptHost.cacheKey).
     */
    static final Set<String> REQUEST_FUNCTIONS = Set.of("auth_passdb_lookup", "auth_password_verify",
            "auth_userdb_lookup");
    /** The functions whose return values db-lua.c reads as a result code and fields. */
    static final Set<String> LOOKUP_FUNCTIONS = Set.of("auth_passdb_lookup", "auth_password_verify",
            "auth_userdb_lookup");

    final LuaSource source;
    /** Every function body, with the name it was defined under (null when anonymous). */
    final Map<FuncBody, String> functionNames = new IdentityHashMap<>();
    /** Global functions by name (the entry points db-lua.c looks up). */
    final Map<String, FuncBody> globalFunctions = new LinkedHashMap<>();
    private final Map<Object, FuncBody> functions = new LinkedHashMap<>();
    /** The innermost function of each node the rules look at. */
    private final Map<SyntaxElement, FuncBody> enclosing = new IdentityHashMap<>();
    final List<Exp.FuncCall> calls = new ArrayList<>();
    final List<Exp.FieldExp> fields = new ArrayList<>();
    final List<Exp.IndexExp> indexes = new ArrayList<>();
    final List<Stat.Assign> assigns = new ArrayList<>();
    final List<Stat.LocalAssign> localAssigns = new ArrayList<>();
    final List<Stat.Return> returns = new ArrayList<>();
    final List<Exp.BinopExp> binops = new ArrayList<>();
    final List<Exp.UnopExp> unops = new ArrayList<>();
    final List<TableField> tableFields = new ArrayList<>();
    final List<Exp.Constant> constants = new ArrayList<>();
    /** The conditions of if/elseif/while/repeat. */
    final List<Exp> conditions = new ArrayList<>();
    /** Assignment targets (their reads are writes). */
    final Set<Exp> assignTargets = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Locals that name a global chain ({@code local A = dovecot.auth}). */
    private final Map<Object, String> aliases = new java.util.HashMap<>();
    /** The variables that hold a request. */
    final Set<Object> requestVars = new HashSet<>();
    /** The functions that run with a request: the entry points and those it is passed to. */
    final Set<FuncBody> requestFunctions = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private ScriptModel(LuaSource source) {
        this.source = source;
    }

    static ScriptModel of(LuaSource source) {
        ScriptModel m = new ScriptModel(source);
        source.chunk.accept(m.new Collector());
        m.findAliases();
        m.findRequests();
        return m;
    }

    /** The function {@code node} is in, or null at the top level. */
    FuncBody functionOf(SyntaxElement node) {
        return enclosing.get(node);
    }

    String nameOf(FuncBody f) {
        return f == null ? null : functionNames.get(f);
    }

    /** A variable's identity: the local {@code Variable}, or {@code G:name} for a global. */
    static Object key(Name n) {
        if (n.variable != null && n.variable.isLocal()) {
            return n.variable;
        }
        return "G:" + n.name;
    }

    static boolean isGlobal(Exp e, String name) {
        return e instanceof Exp.NameExp n && n.name.name.equals(name) && key(n.name).equals("G:" + name);
    }

    /** {@code e} unwrapped from parentheses. */
    static Exp strip(Exp e) {
        while (e instanceof Exp.ParensExp p) {
            e = p.exp;
        }
        return e;
    }

    boolean isRequest(Exp e) {
        return strip(e) instanceof Exp.NameExp n && requestVars.contains(key(n.name));
    }

    /**
     * The dotted path of a field chain of globals ({@code dovecot.auth.PASSDB_RESULT_OK}), through
     * locals that hold one and are never reassigned ({@code local A = dovecot.auth}), or null.
     */
    String path(Exp e) {
        e = strip(e);
        if (e instanceof Exp.NameExp n) {
            Object k = key(n.name);
            return k instanceof String ? n.name.name : aliases.get(k);
        }
        if (e instanceof Exp.FieldExp f) {
            String p = path(f.lhs);
            return p == null ? null : p + "." + f.name.name;
        }
        return null;
    }

    static List<Exp> args(Exp.FuncCall c) {
        @SuppressWarnings("unchecked")
        List<Exp> exps = c.args.exps;
        if (exps != null) {
            return exps;
        }
        return List.of(); // a string or table argument: see FuncArgs' other forms
    }

    /** The table constructor {@code f{...}} or {@code f({...})} is given, or null. */
    static TableConstructor tableArg(Exp.FuncCall c) {
        @SuppressWarnings("unchecked")
        List<Exp> exps = c.args.exps;
        if (exps != null && !exps.isEmpty() && strip(exps.get(0)) instanceof TableConstructor t) {
            return t;
        }
        return null;
    }

    private void findAliases() {
        for (Stat.LocalAssign a : localAssigns) {
            for (int i = 0; a.values != null && i < a.names.size() && i < a.values.size(); i++) {
                Name n = (Name) a.names.get(i);
                if (n.variable != null && !n.variable.hasassignments) {
                    String p = path((Exp) a.values.get(i));
                    if (p != null) {
                        aliases.put(key(n), p);
                    }
                }
            }
        }
    }

    /** Propagates the request to aliases and to the parameters of functions it is passed to. */
    private void findRequests() {
        for (String name : REQUEST_FUNCTIONS) {
            FuncBody f = globalFunctions.get(name);
            if (f != null && f.parlist.names != null && !f.parlist.names.isEmpty()) {
                requestVars.add(key((Name) f.parlist.names.get(0)));
                requestFunctions.add(f);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Stat.LocalAssign a : localAssigns) {
                for (int i = 0; a.values != null && i < a.names.size() && i < a.values.size(); i++) {
                    if (isRequest((Exp) a.values.get(i))) {
                        changed |= requestVars.add(key((Name) a.names.get(i)));
                    }
                }
            }
            for (Stat.Assign a : assigns) {
                for (int i = 0; i < a.vars.size() && i < a.exps.size(); i++) {
                    if (a.vars.get(i) instanceof Exp.NameExp n && isRequest((Exp) a.exps.get(i))) {
                        changed |= requestVars.add(key(n.name));
                    }
                }
            }
            for (Exp.FuncCall c : calls) {
                if (c instanceof Exp.MethodCall || !(strip(c.lhs) instanceof Exp.NameExp callee)) {
                    continue;
                }
                FuncBody f = functions.get(key(callee.name));
                if (f == null) {
                    continue;
                }
                List<Exp> args = args(c);
                for (int i = 0; i < args.size() && i < f.parlist.names.size(); i++) {
                    if (isRequest(args.get(i))) {
                        changed |= requestVars.add(key((Name) f.parlist.names.get(i)));
                        changed |= requestFunctions.add(f);
                    }
                }
            }
        }
    }

    /** Walks the tree once, recording nodes and the function each is in. */
    private final class Collector extends Visitor {
        private final java.util.ArrayDeque<FuncBody> stack = new java.util.ArrayDeque<>();

        private void at(SyntaxElement e) {
            FuncBody f = stack.peek();
            if (f != null) {
                enclosing.put(e, f);
            }
        }

        private void define(Object key, String name, FuncBody body) {
            functions.put(key, body);
            functionNames.put(body, name);
            if (key instanceof String) {
                globalFunctions.put(name, body);
            }
        }

        @Override
        public void visit(Chunk chunk) {
            chunk.block.accept(this);
        }

        @Override
        public void visit(FuncBody body) {
            stack.push(body);
            super.visit(body);
            stack.pop();
        }

        @Override
        public void visit(Stat.FuncDef s) {
            if ((s.name.dots == null || s.name.dots.isEmpty()) && s.name.method == null) {
                define(key(s.name.name), s.name.name.name, s.body);
            } else {
                functionNames.put(s.body, s.name.name.name + (s.name.dots == null ? "" : "." + String.join(".",
                        (List<String>) s.name.dots)) + (s.name.method == null ? "" : ":" + s.name.method));
            }
            at(s);
            super.visit(s);
        }

        @Override
        public void visit(Stat.LocalFuncDef s) {
            define(key(s.name), s.name.name, s.body);
            super.visit(s);
        }

        @Override
        public void visit(Stat.LocalAssign s) {
            at(s);
            localAssigns.add(s);
            for (int i = 0; s.values != null && i < s.names.size() && i < s.values.size(); i++) {
                if (s.values.get(i) instanceof Exp.AnonFuncDef f) {
                    Name n = (Name) s.names.get(i);
                    define(key(n), n.name, f.body);
                }
            }
            super.visit(s);
        }

        @Override
        public void visit(Stat.Assign s) {
            at(s);
            assigns.add(s);
            for (int i = 0; i < s.vars.size(); i++) {
                assignTargets.add((Exp) s.vars.get(i));
                if (i < s.exps.size() && s.exps.get(i) instanceof Exp.AnonFuncDef f
                        && s.vars.get(i) instanceof Exp.NameExp n) {
                    define(key(n.name), n.name.name, f.body);
                }
            }
            super.visit(s);
        }

        @Override
        public void visit(Stat.Return s) {
            at(s);
            returns.add(s);
            super.visit(s);
        }

        @Override
        public void visit(Stat.IfThenElse s) {
            conditions.add(s.ifexp);
            if (s.elseifexps != null) {
                for (Object e : s.elseifexps) {
                    conditions.add((Exp) e);
                }
            }
            super.visit(s);
        }

        @Override
        public void visit(Stat.WhileDo s) {
            conditions.add(s.exp);
            super.visit(s);
        }

        @Override
        public void visit(Stat.RepeatUntil s) {
            conditions.add(s.exp);
            super.visit(s);
        }

        @Override
        public void visit(Exp.FuncCall e) {
            at(e);
            calls.add(e);
            super.visit(e);
        }

        @Override
        public void visit(Exp.MethodCall e) {
            at(e);
            calls.add(e);
            super.visit(e);
        }

        @Override
        public void visit(Exp.FieldExp e) {
            at(e);
            fields.add(e);
            super.visit(e);
        }

        @Override
        public void visit(Exp.IndexExp e) {
            at(e);
            indexes.add(e);
            super.visit(e);
        }

        @Override
        public void visit(Exp.BinopExp e) {
            at(e);
            binops.add(e);
            super.visit(e);
        }

        @Override
        public void visit(Exp.UnopExp e) {
            at(e);
            unops.add(e);
            super.visit(e);
        }

        @Override
        public void visit(TableField f) {
            at(f);
            tableFields.add(f);
            super.visit(f);
        }

        @Override
        public void visit(Exp.Constant c) {
            at(c);
            constants.add(c);
            super.visit(c);
        }
    }
}
