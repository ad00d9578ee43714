package io.logpipe.testkit.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class DirectoriesTest {

    @Test
    void deletesATreeWithoutFollowingLinksOutOfIt(@TempDir Path tmp) throws IOException {
        Path outside = Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("keep.txt"), "kept");
        Path tree = tmp.resolve("tree");
        Files.writeString(Files.createDirectories(tree.resolve("a/b")).resolve("c.txt"), "gone");
        Files.writeString(tree.resolve("top.txt"), "gone");
        Files.createSymbolicLink(tree.resolve("a/link"), outside.getParent());

        Directories.delete(tree);

        assertThat(tree).doesNotExist();
        assertThat(outside).hasContent("kept");
    }

    @Test
    void aMissingDirectoryIsNothingToDo(@TempDir Path tmp) {
        assertThatCode(() -> Directories.delete(tmp.resolve("never-made"))).doesNotThrowAnyException();
        assertThatCode(() -> Directories.deleteQuietly(tmp.resolve("never-made"), System.getLogger("test")))
                .doesNotThrowAnyException();
    }

    /** A child JVM fills such a directory and exits; the directory must be gone afterwards. */
    @Test
    void temporaryUntilExitIsDeletedWhenTheJvmExits(@TempDir Path tmp) throws Exception {
        Path program = Files.writeString(tmp.resolve("Fill.java"), """
                import io.logpipe.testkit.files.Directories;
                import java.nio.file.Files;
                public class Fill {
                    public static void main(String[] args) throws Exception {
                        var dir = Directories.temporaryUntilExit("directories-test-");
                        Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("c.txt"), "x");
                        System.out.print(dir);
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Directories.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process child = new ProcessBuilder(java, "-cp", classes, program.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes()).strip();
        assertThat(child.waitFor()).as(out).isZero();

        assertThat(Path.of(out)).isAbsolute().doesNotExist();
        assertThat(Path.of(out).getFileName().toString()).startsWith("directories-test-");
    }
}
