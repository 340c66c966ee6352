# Regenerate: python3 -W ignore genvec.py libxcrypt-vectors.tsv (deterministic salts, seed 7)
import crypt, os, random, warnings
warnings.filterwarnings("ignore")
I="./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
def enc64(b):
    out="";i=0
    while i<len(b):
        v=0;bits=0
        while True:
            v|=b[i]<<bits;i+=1;bits+=8
            if not(bits<24 and i<len(b)):break
        for _ in range(0,bits,6):
            out+=I[v&63];v>>=6
    return out
def encu(src,mn):
    start,end,chars,bits=0,47,1,0
    src-=mn
    while True:
        count=(end+1-start)<<bits
        if src<count:break
        start=end+1;end=start+(62-end)//2;src-=count;chars+=1;bits+=6
    o=I[start+(src>>bits)]
    while chars>1:
        chars-=1;bits-=6;o+=I[(src>>bits)&63]
    return o
def setting(flavor,nlog2,r,p=1,t=0,g=0,nrom=0,salt=None):
    s="$y$"+encu(flavor,0)+encu(nlog2,1)+encu(r,1)
    have=(1 if p!=1 else 0)|(2 if t else 0)|(4 if g else 0)|(8 if nrom else 0)
    if have:
        s+=encu(have,1)
        if p!=1:s+=encu(p,2)
        if t:s+=encu(t,1)
        if g:s+=encu(g,1)
        if nrom:s+=encu(nrom,1)
    return s+"$"+salt
rnd=random.Random(7)
def salt(n=16): return enc64(bytes(rnd.randrange(256) for _ in range(n)))
pws=[b"pw",b"",b"password",b"\xc3\xa4\xc3\xb6\xc3\xbc-8bit",b"x"*100,b"correct horse battery staple"]
cases=[]
J=47
for pw in pws: cases.append((pw,setting(J,12,32,salt=salt())))       # Debian default j9T
cases.append((b"pw",setting(J,10,8,salt=salt())))     # cost 1
cases.append((b"pw",setting(J,11,8,salt=salt())))     # cost 2
cases.append((b"pw",setting(J,10,32,salt=salt())))    # cost 3
cases.append((b"pw",setting(J,14,32,salt=salt())))    # cost 7
cases.append((b"pw",setting(J,10,8,p=2,salt=salt())))
cases.append((b"pw",setting(J,10,8,p=3,salt=salt())))
cases.append((b"pw",setting(J,10,8,t=1,salt=salt())))
cases.append((b"pw",setting(J,10,8,t=2,salt=salt())))
cases.append((b"pw",setting(J,10,8,t=5,p=2,salt=salt())))
cases.append((b"pw",setting(J,12,1,salt=salt())))     # r=1
cases.append((b"pw",setting(J,10,8,salt=salt(64)))) # long salt
cases.append((b"pw",setting(J,10,8,salt=salt(1))))
cases.append((b"pw",setting(J,10,8,salt="")))
cases.append((b"pw",setting(0,10,8,salt=salt())))      # classic scrypt
cases.append((b"pw",setting(0,10,8,p=2,salt=salt())))
cases.append((b"pw",setting(1,10,8,salt=salt())))      # WORM
cases.append((b"pw",setting(1,10,8,t=3,salt=salt())))
cases.append((b"pw",setting(0,10,8,t=1,salt=salt())))  # classic with t: invalid
cases.append((b"pw",setting(J,10,8,g=1,salt=salt())))  # g: invalid
cases.append((b"pw",setting(J,10,8,nrom=3,salt=salt()))) # NROM: invalid
cases.append((b"pw",setting(J,2,8,salt=salt())))       # N=4, too small
cases.append((b"pw",setting(J,1,8,salt=salt())))       # N=2
cases.append((b"pw",setting(J+1,10,8,salt=salt())))    # other flavor: unsupported
cases.append((b"pw",setting(3,10,8,salt=salt())))     # 3 = RW with no flavor bits
cases.append((b"pw","$y$j9T$ab"))   # salt with nonzero unused bits? 
cases.append((b"pw","$y$j9T$a"))    # one char
cases.append((b"pw","$y$j9T$abc!"))
cases.append((b"pw","$y$j9T"))
cases.append((b"pw","$y$j9T$"+salt()+"$"))
cases.append((b"pw","$y$j9T$"+salt()+"$garbage"))
cases.append((b"x"*511,setting(J,10,8,salt=salt())))
cases.append((b"x"*512,setting(J,10,8,salt=salt())))
cases.append((b"pleaseletmein","$7$C6..../....SodiumChloride"))
cases.append((b"pw","$7$C6..../....SodiumChloride"))
cases.append((b"","$7$86....E....NaCl"))
cases.append((b"pw","$7$A/..../....salt$"))
cases.append((b"pw","$7$C6..../...."))
cases.append((b"pw","$7$C6..../...zzsalt"))  # r*p >= 2^30: invalid
cases.append((b"pw","$7$C6..../....sa#lt"))
cases.append((b"pw","$7$.6..../....salt"))
# gost-yescrypt ($gy$)
cases.append((b"pw","$gy$j9T$abcdefghijklmnop"))
cases.append((b"","$gy$j75$abcdefghijklmnop"))
cases.append((b"password","$gy$j75$abcdefghijklmnop$"))
cases.append((b"\xc3\xa4-8bit","$gy$"+setting(J,11,8,salt=salt())[3:]))
cases.append((b"pw","$gy$"+setting(J,10,8,p=2,salt=salt())[3:]))
cases.append((b"pw","$gy$j9T$ab"))
cases.append((b"pw","$gy$"))
import sys
with open(sys.argv[1],"w") as f:
    f.write("# yescrypt/scrypt vectors: password (hex) TAB setting TAB crypt() result\n")
    f.write("# produced by runtime/src/test/resources/yescrypt/genvec.py with python3's crypt module,\n")
    f.write("# i.e. Debian 12's libxcrypt (the libc crypt() Dovecot 2.3.19 calls); *0 / *1 are its failure tokens\n")
    for pw,s in cases:
        r=crypt.crypt(pw.decode("utf-8","surrogateescape"),s)
        f.write(pw.hex()+"\t"+s+"\t"+str(r)+"\n")
