package io.meshscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's JVM options are read from the launcher's argument file, comments and blank lines left out. */
class ServerJvmTest {
    @Test
    void readsTheLaunchersArgumentFileOptionByOption() {
        assertThat(ServerJvm.parse("""
                # JVM options of `meshscope serve`
                -XX:+UseG1GC
                -XX:MaxGCPauseMillis=50   # pause goal

                -Xss4m
                """)).containsExactly("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50", "-Xss4m");
    }

    @Test
    void anOptionsFileThisJvmLacksMakesTheBenchmarkRelaunchItselfButNeverTwice(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("serve.options"), "-XX:+UseG1GC\n-XX:MaxGCPauseMillis=47\n");
        ServerJvm jvm = ServerJvm.locate(file.toString());
        assertThat(jvm.mustRelaunch(false)).isTrue();
        assertThat(jvm.mustRelaunch(true)).isFalse();
        assertThat(jvm.describe()).contains(file.toString(), "-XX:MaxGCPauseMillis=47");
        assertThat(ServerJvm.locate("none").mustRelaunch(false)).isFalse();
    }
}
