package org.dovelua.lua.lua54;

import java.io.IOException;
import org.dovelua.lua.lua54.vm.LuaFloatText;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JseIoLib;

/**
 * LuaJ's {@code io} library with 5.4's {@code g_write} (liolib.c): a float is written with
 * {@code %.14g}, without the {@code .0} {@code tostring} adds ({@code io.write(1.0)} writes
 * {@code 1}), on {@code io.write} and on LuaJ's own files ({@code io.stdout:write}).
 */
public class Lua54IoLib extends JseIoLib {
    @Override
    public Varargs _io_write(Varargs args) throws IOException {
        return super._io_write(LuaFloatText.writeArgs(args));
    }

    @Override
    public Varargs _file_write(LuaValue file, Varargs subargs) throws IOException {
        return super._file_write(file, LuaFloatText.writeArgs(subargs));
    }
}
