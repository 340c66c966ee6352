package org.dovelua.lua.lua54.vm;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.dovelua.lua.gopher.LTableOrder;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaValue;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The changes made to LuaJ 3.0.1's own code, applied at start-up, that give scripts Lua 5.4's
 * numbers and texts where no library function could:
 *
 * <ul>
 * <li>Two number subtypes. LuaJ folds every integral double into a {@code LuaInteger}; patched,
 * {@code LuaDouble.valueOf(double)} always makes a float, {@code LuaInteger.valueOf(long)} makes a
 * {@link LuaLong} beyond 32 bits, and the arithmetic entry points the VM calls
 * ({@code add}/{@code sub}/{@code mul}/{@code div}/{@code mod}/{@code pow}, and the order
 * tests {@code lt_b}/{@code lteq_b}, of LuaInteger, LuaDouble and LuaString, the string's unary
 * minus) go to {@link Lua54Arith}. The lexer reads
 * {@code 1} as an integer and {@code 1.0} as a float ({@link Lua54Numerals}), the code generator
 * keeps float constants floats, strings convert as 5.4 converts them ({@code tonumber}), and the
 * table treats an integral float key as the integer (its hash, {@code isinttype}, the stored key)
 * and stores number values as they are (LuaJ kept them as bare doubles). A float passed where
 * LuaJ's library takes an integer ({@code checkint}, {@code optint}, {@code checklong},
 * {@code optlong}) must have an integer value instead of being truncated.</li>
 * <li>The numeric {@code for}: a zero step raises, the first value is the initial value itself
 * (not {@code init - step + step}), and an integer loop ends where it would pass
 * math.maxinteger instead of wrapping ({@link Lua54Arith#forPrep}, {@link Lua54Arith#forStep}).</li>
 * <li>Float text: {@code LuaDouble.tojstring()}, the one method every path to text goes through,
 * calls {@link LuaFloatText} ({@code %.14g}, {@code 1.0}, {@code inf}, {@code -nan}).</li>
 * <li>VM error texts: {@code LuaClosure.processErrorHooks()}, where LuaJ adds an error's
 * position, passes the message through {@link LuaVmErrors} first (as {@code LuaTable.set} passes
 * a nil or NaN key, for {@code table index is nil}), and names the chunk as
 * {@code luaO_chunkid} does, as {@code Prototype.shortsource()} (tracebacks, {@code short_src})
 * now does too.</li>
 * <li>Gopher states only (after one volatile read, {@link LuaDialect#anyGopher()}): {@code LuaTable.rawset}
 * and {@code next} keep and follow gopher-lua's table order ({@link LTableOrder}), and
 * {@code LuaValue.gettable}/{@code settable} raise gopher-lua's index error ({@link LuaVmErrors#indexError}).</li>
 * <li>Syntax errors: {@code LexState.lexerror()} raises 5.4's {@code chunk:line: msg near 'x'}
 * ({@link LuaSyntaxErrors}).</li>
 * <li>Coroutines: the thread {@code LuaThread.State.lua_resume()} starts comes from
 * {@link CoroutineThreads} (virtual where it can be, else with the stack Lua code needs), and one
 * that ends with a JVM stack overflow fails with {@code stack overflow} ({@link LuaVmErrors#coroutineError}).</li>
 * </ul>
 *
 * <p>The classes are redefined once per JVM, through the instrumentation the JVM hands
 * {@link #agentmain} when the CLI jar names this class as its {@code Launcher-Agent-Class}, or
 * else the one byte-buddy-agent attaches (a helper process, about 0.35 s); LuaJ's jar stays as
 * Maven Central ships it. A redefinition can change method bodies only, which is all this does.
 * A {@link PrepatchedJar} (the launcher's fast copy of the CLI jar) holds the classes already
 * patched, and nothing is redefined.
 */
public final class LuajPatches {
    private static final String VM = "org/luaj/vm2/";
    private static final String VALUE = "Lorg/luaj/vm2/LuaValue;";
    // the patch targets by class literal, so a rename or move fails to compile instead of at start-up
    private static final String ARITH = Type.getInternalName(Lua54Arith.class);
    private static final String NUMERALS = Type.getInternalName(Lua54Numerals.class);
    private static final String FLOAT_TEXT = Type.getInternalName(LuaFloatText.class);
    private static final String SYNTAX_ERRORS = Type.getInternalName(LuaSyntaxErrors.class);
    private static final String VM_ERRORS = Type.getInternalName(LuaVmErrors.class);
    private static final String METATABLES = Type.getInternalName(TypeMetatables.class);
    private static final String TABLE_ORDER = Type.getInternalName(LTableOrder.class);
    private static final String COROUTINE_THREADS = Type.getInternalName(CoroutineThreads.class);
    /** LuaJ's classes with a static {@code s_metatable}, by the type whose values they are. */
    private static final Map<String, Integer> SHARED_METATABLES = Map.of(VM + "LuaNil", LuaValue.TNIL,
            VM + "LuaBoolean", LuaValue.TBOOLEAN, VM + "LuaNumber", LuaValue.TNUMBER, VM + "LuaString",
            LuaValue.TSTRING, VM + "LuaFunction", LuaValue.TFUNCTION, VM + "LuaThread", LuaValue.TTHREAD);
    private static final String[] ARITH_OPS = {"add", "sub", "mul", "div", "mod", "pow"};
    private static volatile Boolean installed;
    private static String failure;
    private static volatile Instrumentation launched;

    private LuajPatches() {
    }

    /** {@code Launcher-Agent-Class} entry point: called by the JVM before the CLI's main. */
    public static void agentmain(String args, Instrumentation inst) {
        launched = inst;
    }

    /** Applies the patches once; false (with {@link #failure()}) when the JVM cannot redefine classes. */
    public static synchronized boolean install() {
        if (installed == null && PrepatchedJar.loadedPrepatched()) {
            installed = true; // the jar's LuaJ classes are already the patched ones (PrepatchedJar)
        }
        if (installed == null) {
            try {
                Instrumentation inst = launched != null ? launched : ByteBuddyAgent.install();
                List<ClassDefinition> defs = new ArrayList<>();
                for (LuajBytecode p : patches()) {
                    Class<?> c = Class.forName(p.owner().replace('/', '.'), false, LuaDouble.class.getClassLoader());
                    defs.add(new ClassDefinition(c, p.apply(original(p.owner()))));
                }
                inst.redefineClasses(defs.toArray(new ClassDefinition[0]));
                installed = true;
            } catch (Exception | LinkageError e) {
                failure = e.toString();
                installed = false;
                System.err.println("dovelua: numbers behave as LuaJ's (no float subtype; 0.33333334, Infinity):"
                        + " cannot patch LuaJ: " + failure);
            }
        }
        return installed;
    }

    /** Every edit, by class. */
    static List<LuajBytecode> patches() {
        String arith = "(" + VALUE + ")" + VALUE;
        LuajBytecode dbl = new LuajBytecode(VM + "LuaDouble")
                .edit("tojstring", "()Ljava/lang/String;", (mv, done) -> field(mv, done, VM + "LuaDouble",
                        FLOAT_TEXT, "tojstring", "(D)Ljava/lang/String;", Opcodes.ARETURN))
                .edit("hashCode", "()I", (mv, done) -> field(mv, done, VM + "LuaDouble",
                        ARITH, "floatHash", "(D)I", Opcodes.IRETURN))
                .edit("valueOf", "(D)Lorg/luaj/vm2/LuaNumber;", LuajPatches::newFloat)
                // library arguments: luaL_checkinteger's "number has no integer representation"
                .edit("checkint", "()I", (mv, done) -> field(mv, done, VM + "LuaDouble", ARITH, "floatCheckint",
                        "(D)I", Opcodes.IRETURN))
                .edit("optint", "(I)I", (mv, done) -> field(mv, done, VM + "LuaDouble", ARITH, "floatCheckint",
                        "(D)I", Opcodes.IRETURN))
                .edit("checklong", "()J", (mv, done) -> field(mv, done, VM + "LuaDouble", ARITH, "floatChecklong",
                        "(D)J", Opcodes.LRETURN))
                .edit("optlong", "(J)J", (mv, done) -> field(mv, done, VM + "LuaDouble", ARITH, "floatChecklong",
                        "(D)J", Opcodes.LRETURN));
        LuajBytecode integer = new LuajBytecode(VM + "LuaInteger")
                .redirect("valueOf", "(J)Lorg/luaj/vm2/LuaNumber;", null, ARITH, "integer");
        LuajBytecode string = new LuajBytecode(VM + "LuaString")
                .redirect("neg", "()" + VALUE, VM + "LuaValue", ARITH, "unm")
                .redirect("tonumber", "()" + VALUE, VM + "LuaString", NUMERALS, "tonumber")
                .redirect("tonumber", "(I)" + VALUE, VM + "LuaString", NUMERALS, "tonumber")
                .redirect("checknumber", "()Lorg/luaj/vm2/LuaNumber;", VM + "LuaString", NUMERALS, "checknumber");
        for (LuajBytecode c : List.of(dbl, integer, string)) {
            for (String op : ARITH_OPS) {
                redirectArith(c, op, arith);
            }
            c.redirect("lt_b", "(" + VALUE + ")Z", VM + "LuaValue", ARITH, "lt");
            c.redirect("lteq_b", "(" + VALUE + ")Z", VM + "LuaValue", ARITH, "le");
        }
        LuajBytecode value = new LuajBytecode(VM + "LuaValue")
                .redirect("isinttype", "()Z", VM + "LuaValue", ARITH, "isIntKey")
                // gopher states: state.go getField/setField's "attempt to index a non-table object(nil) with key 'x'"
                .edit("gettable", "(" + VALUE + VALUE + ")" + VALUE,
                        (mv, done) -> beforeCall(mv, done, "indexerror", "()V"))
                .edit("settable", "(" + VALUE + VALUE + VALUE + ")Z",
                        (mv, done) -> beforeCall(mv, done, "typerror", "(Ljava/lang/String;)" + VALUE));
        LuajBytecode table = new LuajBytecode(VM + "LuaTable")
                .edit("defaultEntry", "(" + VALUE + VALUE + ")Lorg/luaj/vm2/LuaTable$Entry;", LuajPatches::entry)
                .edit("hashset", "(" + VALUE + VALUE + ")V", LuajPatches::normalizeKey)
                .edit("set", "(" + VALUE + VALUE + ")V", LuajPatches::checkNewKey)
                // gopher states: pairs/next in gopher-lua's table order (LTableOrder)
                .edit("rawset", "(I" + VALUE + ")V", (mv, done) -> LuajBytecode.prefix(mv, done, c -> {
                    c.visitVarInsn(Opcodes.ALOAD, 0);
                    c.visitVarInsn(Opcodes.ILOAD, 1);
                    c.visitVarInsn(Opcodes.ALOAD, 2);
                    c.visitMethodInsn(Opcodes.INVOKESTATIC, TABLE_ORDER, "rawset", "(L" + VM + "LuaTable;I" + VALUE
                            + ")V", false);
                }))
                .edit("rawset", "(" + VALUE + VALUE + ")V", (mv, done) -> LuajBytecode.prefix(mv, done, c -> {
                    c.visitVarInsn(Opcodes.ALOAD, 0);
                    c.visitVarInsn(Opcodes.ALOAD, 1);
                    c.visitVarInsn(Opcodes.ALOAD, 2);
                    c.visitMethodInsn(Opcodes.INVOKESTATIC, TABLE_ORDER, "rawset", "(L" + VM + "LuaTable;" + VALUE
                            + VALUE + ")V", false);
                }))
                .edit("next", "(" + VALUE + ")Lorg/luaj/vm2/Varargs;", LuajPatches::gopherNext);
        LuajBytecode lexer = new LuajBytecode(VM + "compiler/LexState")
                .edit("str2d", "(Ljava/lang/String;Lorg/luaj/vm2/compiler/LexState$SemInfo;)Z", LuajPatches::numeral)
                .edit("lexerror", "(Ljava/lang/String;I)V", LuajPatches::lexerror);
        LuajBytecode codegen = new LuajBytecode(VM + "compiler/FuncState")
                .edit("numberK", "(" + VALUE + ")I", LuajPatches::numberK);
        String exec = "([" + VALUE + "Lorg/luaj/vm2/Varargs;)Lorg/luaj/vm2/Varargs;";
        String pair = "(" + VALUE + VALUE + ")" + VALUE;
        LuajBytecode closure = new LuajBytecode(VM + "LuaClosure")
                .edit("processErrorHooks", "(Lorg/luaj/vm2/LuaError;Lorg/luaj/vm2/Prototype;I)V", LuajPatches::vmErrors)
                // the position names the chunk as luaG_addinfo does ("@auth.lua" is auth.lua), not by its raw name
                .replaceCall("processErrorHooks", "(Lorg/luaj/vm2/LuaError;Lorg/luaj/vm2/Prototype;I)V",
                        VM + "LuaString", "tojstring", "()Ljava/lang/String;", 1,
                        SYNTAX_ERRORS, "chunkid", "(Lorg/luaj/vm2/LuaString;)Ljava/lang/String;")
                // execute() calls add() twice and sub() twice; the second of each is OP_FORLOOP's/OP_FORPREP's
                .replaceCall("execute", exec, VM + "LuaValue", "add", arith, 2, ARITH, "forStep", pair)
                .replaceCall("execute", exec, VM + "LuaValue", "sub", arith, 2, ARITH, "forPrep", pair);
        LuajBytecode varargs = new LuajBytecode(VM + "Varargs")
                .edit("checkint", "(I)I", (mv, done) -> checkArg(mv, done, "checkint", "I", Opcodes.IRETURN))
                .edit("checklong", "(I)J", (mv, done) -> checkArg(mv, done, "checklong", "J", Opcodes.LRETURN));
        LuajBytecode proto = new LuajBytecode(VM + "Prototype")
                .redirect("shortsource", "()Ljava/lang/String;", VM + "Prototype", SYNTAX_ERRORS,
                        "shortsource");
        // one set of type metatables per state (TypeMetatables), not one per JVM
        string.edit("getmetatable", "()" + VALUE, (mv, done) -> typeMetatable(mv, done, LuaValue.TSTRING));
        closure.edit("getmetatable", "()" + VALUE, (mv, done) -> typeMetatable(mv, done, LuaValue.TFUNCTION));
        List<LuajBytecode> typed = new ArrayList<>();
        for (String type : List.of("LuaNil", "LuaBoolean", "LuaNumber", "LuaFunction", "LuaThread")) {
            typed.add(new LuajBytecode(VM + type).edit("getmetatable", "()" + VALUE,
                    (mv, done) -> typeMetatable(mv, done, SHARED_METATABLES.get(VM + type))));
        }
        LuajBytecode setmetatable = new LuajBytecode(VM + "lib/DebugLib$setmetatable")
                .edit("call", "(" + VALUE + VALUE + ")" + VALUE, LuajPatches::sharedMetatableFields);
        LuajBytecode stringLib = new LuajBytecode(VM + "lib/StringLib")
                .edit("call", "(" + VALUE + VALUE + ")" + VALUE, LuajPatches::sharedMetatableFields);
        // a coroutine that ends with a JVM stack overflow fails as Lua's does instead of "succeeding"
        LuajBytecode coroutine = new LuajBytecode(VM + "LuaThread$State")
                .replaceCall("run", "()V", "java/lang/Throwable", "getMessage", "()Ljava/lang/String;", 1,
                        VM_ERRORS, "coroutineError", "(Ljava/lang/Throwable;)Ljava/lang/String;")
                // errors in a coroutine come back without LuaJ's appended traceback, as lua_resume's do
                .edit("run", "()V", (mv, done) -> LuajBytecode.prefix(mv, done, c -> {
                    c.visitVarInsn(Opcodes.ALOAD, 0);
                    c.visitFieldInsn(Opcodes.GETFIELD, VM + "LuaThread$State", "globals", "Lorg/luaj/vm2/Globals;");
                    c.visitMethodInsn(Opcodes.INVOKESTATIC, VM_ERRORS, "coroutineStarted", "(Lorg/luaj/vm2/Globals;)V",
                            false);
                }))
                // the coroutine's thread: virtual where it can be, else one with the stack Lua code needs
                .edit("lua_resume", "(Lorg/luaj/vm2/LuaThread;Lorg/luaj/vm2/Varargs;)Lorg/luaj/vm2/Varargs;",
                        LuajPatches::coroutineThread);
        List<LuajBytecode> all = new ArrayList<>(List.of(value, dbl, integer, string, table, lexer, codegen, closure,
                proto, varargs, setmetatable, stringLib, coroutine));
        all.addAll(typed);
        return all;
    }

    /** {@code return TypeMetatables.get(type);} */
    private static MethodVisitor typeMetatable(MethodVisitor mv, boolean[] done, int type) {
        return LuajBytecode.body(mv, done, c -> {
            c.visitLdcInsn(type);
            c.visitMethodInsn(Opcodes.INVOKESTATIC, METATABLES, "get", "(I)" + VALUE, false);
            c.visitInsn(Opcodes.ARETURN);
        });
    }

    /**
     * {@code LuaThread.State.lua_resume()}'s {@code new Thread(this, name)} becomes
     * {@code CoroutineThreads.newThread(this, name)}: the {@code NEW}/{@code DUP} of the thread go,
     * and the constructor call is the factory call, whose result {@code start()} is called on as before.
     */
    private static MethodVisitor coroutineThread(MethodVisitor mv, boolean[] done) {
        String thread = "java/lang/Thread";
        return new MethodVisitor(Opcodes.ASM9, mv) {
            private boolean dropDup;

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.NEW && type.equals(thread)) {
                    dropDup = true;
                    return;
                }
                super.visitTypeInsn(opcode, type);
            }

            @Override
            public void visitInsn(int opcode) {
                if (dropDup && opcode == Opcodes.DUP) {
                    dropDup = false;
                    return;
                }
                super.visitInsn(opcode);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                if (opcode == Opcodes.INVOKESPECIAL && owner.equals(thread) && name.equals("<init>")
                        && desc.equals("(Ljava/lang/Runnable;Ljava/lang/String;)V")) {
                    done[0] = true;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, COROUTINE_THREADS, "newThread",
                            "(Ljava/lang/Runnable;Ljava/lang/String;)Ljava/lang/Thread;", false);
                    return;
                }
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            }
        };
    }

    /** Every read or write of a {@code LuaX.s_metatable} goes to {@link TypeMetatables} instead. */
    private static MethodVisitor sharedMetatableFields(MethodVisitor mv, boolean[] done) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                Integer type = SHARED_METATABLES.get(owner);
                if (type == null || !name.equals("s_metatable")) {
                    super.visitFieldInsn(opcode, owner, name, desc);
                    return;
                }
                done[0] = true;
                super.visitLdcInsn(type);
                if (opcode == Opcodes.GETSTATIC) {
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, METATABLES, "get", "(I)" + VALUE, false);
                } else {
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, METATABLES, "set", "(" + VALUE + "I)V", false);
                }
            }
        };
    }

    private static void redirectArith(LuajBytecode c, String op, String desc) {
        c.redirect(op, desc, VM + "LuaValue", ARITH, op);
    }
    /** Why {@link #install()} failed, or null. */
    public static String failure() {
        return failure;
    }

    private static byte[] original(String owner) throws IOException {
        try (InputStream in = LuaDouble.class.getClassLoader().getResourceAsStream(owner + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + owner);
            }
            return in.readAllBytes();
        }
    }

    /** A body that is {@code return target(this.v)}, {@code v} being the class's double. */
    private static MethodVisitor field(MethodVisitor mv, boolean[] done, String owner, String target, String method,
            String desc, int ret) {
        return LuajBytecode.body(mv, done, c -> {
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitFieldInsn(Opcodes.GETFIELD, owner, "v", "D");
            c.visitMethodInsn(Opcodes.INVOKESTATIC, target, method, desc, false);
            c.visitInsn(ret);
        });
    }

    /**
     * {@code Varargs.checkint(i)}/{@code checklong(i)}: {@code return Lua54Arith.checkint(arg(i).checknumber())};
     * LuaJ took {@code toint()} of the number, truncating a float argument.
     */
    private static MethodVisitor checkArg(MethodVisitor mv, boolean[] done, String method, String type, int ret) {
        return LuajBytecode.body(mv, done, c -> {
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitVarInsn(Opcodes.ILOAD, 1);
            c.visitMethodInsn(Opcodes.INVOKEVIRTUAL, VM + "Varargs", "arg", "(I)" + VALUE, false);
            c.visitMethodInsn(Opcodes.INVOKEVIRTUAL, VM + "LuaValue", "checknumber", "()Lorg/luaj/vm2/LuaNumber;", false);
            c.visitMethodInsn(Opcodes.INVOKESTATIC, ARITH, method, "(" + VALUE + ")" + type, false);
            c.visitInsn(ret);
        });
    }

    /** {@code LuaDouble.valueOf(d)}: {@code return new LuaDouble(d)}, without folding integral values into LuaInteger. */
    private static MethodVisitor newFloat(MethodVisitor mv, boolean[] done) {
        String dbl = VM + "LuaDouble";
        return LuajBytecode.body(mv, done, c -> {
            c.visitTypeInsn(Opcodes.NEW, dbl);
            c.visitInsn(Opcodes.DUP);
            c.visitVarInsn(Opcodes.DLOAD, 0);
            c.visitMethodInsn(Opcodes.INVOKESPECIAL, dbl, "<init>", "(D)V", false); // private: fine from inside
            c.visitInsn(Opcodes.ARETURN);
        });
    }

    /**
     * {@code LuaTable.defaultEntry(key, value)}: an {@code IntKeyEntry} for an integer key, else a
     * {@code NormalEntry}. LuaJ stored a number value under another key as a bare double, which
     * loses the subtype (and turns a string later stored there into a number).
     */
    private static MethodVisitor entry(MethodVisitor mv, boolean[] done) {
        String intKey = VM + "LuaTable$IntKeyEntry";
        String normal = VM + "LuaTable$NormalEntry";
        return LuajBytecode.body(mv, done, c -> {
            Label other = new Label();
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitMethodInsn(Opcodes.INVOKEVIRTUAL, VM + "LuaValue", "isinttype", "()Z", false);
            c.visitJumpInsn(Opcodes.IFEQ, other);
            c.visitTypeInsn(Opcodes.NEW, intKey);
            c.visitInsn(Opcodes.DUP);
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitMethodInsn(Opcodes.INVOKEVIRTUAL, VM + "LuaValue", "toint", "()I", false);
            c.visitVarInsn(Opcodes.ALOAD, 1);
            c.visitMethodInsn(Opcodes.INVOKESPECIAL, intKey, "<init>", "(I" + VALUE + ")V", false);
            c.visitInsn(Opcodes.ARETURN);
            c.visitLabel(other);
            c.visitTypeInsn(Opcodes.NEW, normal);
            c.visitInsn(Opcodes.DUP);
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitVarInsn(Opcodes.ALOAD, 1);
            c.visitMethodInsn(Opcodes.INVOKESPECIAL, normal, "<init>", "(" + VALUE + VALUE + ")V", false);
            c.visitInsn(Opcodes.ARETURN);
        });
    }

    /**
     * {@code LuaValue.gettable(t, key)}/{@code settable(t, key, value)}: just before LuaJ raises its
     * index error ({@code indexerror()}, {@code typerror("index")}), {@code LuaVmErrors.indexError(t, key)},
     * which raises gopher-lua's text in a gopher state and returns otherwise.
     */
    private static MethodVisitor beforeCall(MethodVisitor mv, boolean[] done, String called, String desc) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                if (owner.equals(VM + "LuaValue") && n.equals(called) && d.equals(desc)) {
                    done[0] = true;
                    super.visitVarInsn(Opcodes.ALOAD, 0); // the value being indexed (the loop's current one)
                    super.visitVarInsn(Opcodes.ALOAD, 1); // the key
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, VM_ERRORS, "indexError", "(" + VALUE + VALUE + ")V",
                            false);
                }
                super.visitMethodInsn(opcode, owner, n, d, itf);
            }
        };
    }

    /**
     * {@code LuaTable.next(key)} starting with
     * {@code Varargs r = LTableOrder.next(this, key); if (r != null) return r;}.
     */
    private static MethodVisitor gopherNext(MethodVisitor mv, boolean[] done) {
        return LuajBytecode.prefix(mv, done, c -> {
            Label own = new Label();
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitVarInsn(Opcodes.ALOAD, 1);
            c.visitMethodInsn(Opcodes.INVOKESTATIC, TABLE_ORDER, "next",
                    "(L" + VM + "LuaTable;" + VALUE + ")Lorg/luaj/vm2/Varargs;", false);
            c.visitInsn(Opcodes.DUP);
            c.visitJumpInsn(Opcodes.IFNULL, own);
            c.visitInsn(Opcodes.ARETURN);
            c.visitLabel(own);
            c.visitInsn(Opcodes.POP);
        });
    }

    /** {@code LuaTable.hashset(key, value)} starting with {@code key = Lua54Arith.normalizeKey(key)}. */
    private static MethodVisitor normalizeKey(MethodVisitor mv, boolean[] done) {
        return LuajBytecode.prefix(mv, done, c -> {
            c.visitVarInsn(Opcodes.ALOAD, 1);
            c.visitMethodInsn(Opcodes.INVOKESTATIC, ARITH, "normalizeKey", "(" + VALUE + ")" + VALUE, false);
            c.visitVarInsn(Opcodes.ASTORE, 1);
        });
    }

    /** {@code LuaTable.set(key, value)} starting with {@code LuaVmErrors.checkNewKey(this, key)}. */
    private static MethodVisitor checkNewKey(MethodVisitor mv, boolean[] done) {
        return LuajBytecode.prefix(mv, done, c -> {
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitVarInsn(Opcodes.ALOAD, 1);
            c.visitMethodInsn(Opcodes.INVOKESTATIC, VM_ERRORS, "checkNewKey",
                    "(" + VALUE + VALUE + ")V", false);
        });
    }

    /**
     * {@code LexState.str2d(str, seminfo)}: {@code seminfo.r = Lua54Numerals.numeral(str, current,
     * source, linenumber)}, which raises llex.c's {@code malformed number near '1e'} itself.
     */
    private static MethodVisitor numeral(MethodVisitor mv, boolean[] done) {
        String lex = VM + "compiler/LexState";
        return LuajBytecode.body(mv, done, c -> {
            c.visitVarInsn(Opcodes.ALOAD, 2);
            c.visitVarInsn(Opcodes.ALOAD, 1);
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitFieldInsn(Opcodes.GETFIELD, lex, "current", "I");
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitFieldInsn(Opcodes.GETFIELD, lex, "source", "Lorg/luaj/vm2/LuaString;");
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitFieldInsn(Opcodes.GETFIELD, lex, "linenumber", "I");
            c.visitMethodInsn(Opcodes.INVOKESTATIC, NUMERALS, "numeral",
                    "(Ljava/lang/String;ILorg/luaj/vm2/LuaString;I)" + VALUE, false);
            c.visitFieldInsn(Opcodes.PUTFIELD, lex + "$SemInfo", "r", VALUE);
            c.visitInsn(Opcodes.ICONST_1);
            c.visitInsn(Opcodes.IRETURN);
        });
    }

    /**
     * {@code LexState.lexerror(msg, token)}: {@code throw LuaSyntaxErrors.lexerror(source,
     * linenumber, msg, token, txtToken(token))}, 5.4's {@code chunk:line: msg near 'token'}.
     */
    private static MethodVisitor lexerror(MethodVisitor mv, boolean[] done) {
        String lex = VM + "compiler/LexState";
        return LuajBytecode.body(mv, done, c -> {
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitFieldInsn(Opcodes.GETFIELD, lex, "source", "Lorg/luaj/vm2/LuaString;");
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitFieldInsn(Opcodes.GETFIELD, lex, "linenumber", "I");
            c.visitVarInsn(Opcodes.ALOAD, 1);
            c.visitVarInsn(Opcodes.ILOAD, 2);
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitVarInsn(Opcodes.ILOAD, 2);
            c.visitMethodInsn(Opcodes.INVOKEVIRTUAL, lex, "txtToken", "(I)Ljava/lang/String;", false);
            c.visitMethodInsn(Opcodes.INVOKESTATIC, SYNTAX_ERRORS, "lexerror",
                    "(Lorg/luaj/vm2/LuaString;ILjava/lang/String;ILjava/lang/String;)Lorg/luaj/vm2/LuaError;", false);
            c.visitInsn(Opcodes.ATHROW);
        });
    }

    /** {@code FuncState.numberK(r)}: {@code return addk(r)}; LuaJ turned an integral float constant into an integer. */
    private static MethodVisitor numberK(MethodVisitor mv, boolean[] done) {
        return LuajBytecode.body(mv, done, c -> {
            c.visitVarInsn(Opcodes.ALOAD, 0);
            c.visitVarInsn(Opcodes.ALOAD, 1);
            c.visitMethodInsn(Opcodes.INVOKEVIRTUAL, VM + "compiler/FuncState", "addk", "(" + VALUE + ")I", false);
            c.visitInsn(Opcodes.IRETURN);
        });
    }

    /**
     * {@code LuaClosure.processErrorHooks(le, p, pc)} with {@code LuaVmErrors.rewrite(msg, p, pc)}
     * applied to the message it reads with {@code le.getMessage()}.
     */
    private static MethodVisitor vmErrors(MethodVisitor mv, boolean[] done) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                super.visitMethodInsn(opcode, owner, n, d, itf);
                if (owner.equals(VM + "LuaError") && n.equals("getMessage")) {
                    done[0] = true;
                    super.visitVarInsn(Opcodes.ALOAD, 2); // p
                    super.visitVarInsn(Opcodes.ILOAD, 3); // pc
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, VM_ERRORS, "rewrite",
                            "(Ljava/lang/String;Lorg/luaj/vm2/Prototype;I)Ljava/lang/String;", false);
                }
            }
        };
    }
}
