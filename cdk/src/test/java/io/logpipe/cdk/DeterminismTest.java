package io.logpipe.cdk;

import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two syntheses of the same context give byte-identical templates (no unordered maps, no timestamps). */
class DeterminismTest {

    @Test
    void synthesisingTwiceGivesIdenticalTemplates() throws IOException {
        TestApps.Synthesized first = TestApps.synth("dev");
        TestApps.Synthesized second = TestApps.synthFresh("dev");
        List<Path> a = first.templateFiles();
        List<Path> b = second.templateFiles();
        assertThat(b.stream().map(Path::getFileName).toList()).isEqualTo(a.stream().map(Path::getFileName).toList());
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readString(b.get(i))).as(a.get(i).getFileName().toString()).isEqualTo(Files.readString(a.get(i)));
        }
    }
}
