package dev.fabric.grid.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {

    @TempDir
    Path logs;

    private final List<String> progress = new ArrayList<>();

    private static List<String> javaRunning(String mode) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), FakeService.class.getName(), mode);
    }

    private static ProcessSpec spec(String name, String mode, Duration limit) {
        return new ProcessSpec(name, javaRunning(mode), Map.of(), Readiness.LogLine.containing("FAKE READY"), limit, "fake://" + name);
    }

    @Test
    void shouldStartWaitForReadinessAndStopInReverseOrder() {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(logs, progress::add)) {
            supervisor.start(spec("first", "serve", Duration.ofSeconds(30)));
            supervisor.start(spec("second", "serve", Duration.ofSeconds(30)));

            assertThat(supervisor.process("first")).get().matches(Process::isAlive);
            assertThat(progress).anySatisfy(line -> assertThat(line).contains("✔ first").contains("fake://first"));
        }
        assertThat(progress.subList(progress.size() - 2, progress.size())).containsExactly("  ✖ stopped second", "  ✖ stopped first");
    }

    @Test
    void shouldReportAProcessThatExitsWithTheTailOfItsLog() {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(logs, progress::add)) {
            assertThatThrownBy(() -> supervisor.start(spec("broken", "fail", Duration.ofSeconds(30))))
                    .isInstanceOf(GridStartException.class)
                    .hasMessageContaining("broken exited with code 3")
                    .hasMessageContaining("port 9092 already in use");
        }
    }

    @Test
    void shouldGiveUpOnAProcessThatNeverBecomesReady() {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(logs, progress::add)) {
            assertThatThrownBy(() -> supervisor.start(spec("silent", "silent", Duration.ofSeconds(2))))
                    .isInstanceOf(GridStartException.class)
                    .hasMessageContaining("silent not ready after 2 s");
        }
    }

    @Test
    void shouldRestartAKilledProcess() {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(logs, progress::add)) {
            supervisor.start(spec("victim", "serve", Duration.ofSeconds(30)));
            long firstPid = supervisor.process("victim").orElseThrow().pid();

            supervisor.kill("victim");
            assertThat(supervisor.process("victim")).isEmpty();
            supervisor.restart("victim");

            assertThat(supervisor.process("victim")).get().matches(Process::isAlive).matches(p -> p.pid() != firstPid);
        }
    }
}
