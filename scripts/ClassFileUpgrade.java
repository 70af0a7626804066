import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Part of scripts/ocli-cds.sh: copies a jar, re-emitting class files older than Java 6 (version 50)
 * as Java 8 class files with stack maps computed by ASM. Such old class files are verified the slow
 * way on every start and are never held by a class-data archive or an AOT cache. Run with the jar
 * and ASM on the class path (the stack maps need the jar's own class hierarchy):
 * {@code java -cp asm.jar:in.jar ClassFileUpgrade.java in.jar out.jar}. Any failure leaves no output.
 */
public class ClassFileUpgrade {
    public static void main(String[] args) throws Exception {
        java.nio.file.Path out = java.nio.file.Path.of(args[1]);
        try (ZipInputStream in = new ZipInputStream(new FileInputStream(args[0]));
             ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(out.toFile()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class") ? upgraded(bytes) : bytes);
                zip.closeEntry();
            }
        } catch (Exception | LinkageError e) {
            java.nio.file.Files.deleteIfExists(out);
            throw e;
        }
    }

    private static byte[] upgraded(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        if (reader.readShort(6) >= Opcodes.V1_6) return bytes;
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
