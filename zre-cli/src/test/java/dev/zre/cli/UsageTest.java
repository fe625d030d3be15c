package dev.zre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Help, bad options and their exit codes, run in-process. */
class UsageTest {

    private static final String PORT = String.valueOf(Cli.randomPort());

    @ParameterizedTest
    @ValueSource(strings = {"shell", "cat", "monitor", "time", "send"})
    void everyCommandHasHelpAndExitsZero(String command) throws Exception {
        Cli cli = Cli.run(command, "--help");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out.text()).contains("Usage: zre " + command).contains("--interface").contains("--json");
    }

    @Test
    void topLevelHelpListsCommandsAndExitCodes() throws Exception {
        Cli cli = Cli.run("--help");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out.text()).contains("shell", "cat", "monitor", "time", "send", "Exit codes:", "2   usage error");
    }

    @Test
    void noCommandIsAUsageError() throws Exception {
        Cli cli = Cli.run();
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Missing command");
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Cli cli = Cli.run("cat", "g", "--bogus");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Unknown option: '--bogus'").contains("Try 'zre cat --help'");
    }

    @Test
    void portOutOfRangeNamesTheOptionAndTheRange() throws Exception {
        Cli cli = Cli.run("cat", "g", "--port", "70000");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Invalid value for option '--port': '70000' is not a port (expected a number from 1 to 65535)");
    }

    @Test
    void unknownInterfaceNamesTheOptionAndTheChoices() throws Exception {
        Cli cli = Cli.run("send", "--group", "g", "hi", "--interface", "nosuch0", "--port", PORT);
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Invalid value for option '--interface': 'nosuch0' cannot be used")
                .contains("'loopback'");
    }

    @Test
    void badDnsNameNamesTheOption() throws Exception {
        Cli cli = Cli.run("shell", "-i", "loopback", "-p", PORT, "--dns", "not a name");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Invalid value for option '--dns': 'not a name'").contains("a DNS name");
    }

    @Test
    void expiredMustBeLongerThanEvasive() throws Exception {
        Cli cli = Cli.run("shell", "-i", "loopback", "-p", PORT, "--evasive", "5s", "--expired", "2s");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Invalid value for option '--expired'").contains("longer than evasiveTimeout");
    }

    @Test
    void mailboxPortInUseNamesTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Cli cli = Cli.run("shell", "-i", "loopback", "-p", PORT, "--mailbox-port", String.valueOf(port));
            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err.text()).contains("Invalid value for option '--mailbox-port': '" + port + "' cannot be used")
                    .contains("expected a free port, or 0 for any free port");
        }
    }

    @Test
    void badDurationSaysWhatIsAllowed() throws Exception {
        Cli cli = Cli.run("cat", "g", "--wait", "soon");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Invalid value for option '--wait': 'soon' is not a duration (use e.g. 500ms, 5s");
    }

    @Test
    void headerWithoutValueIsAUsageError() throws Exception {
        Cli cli = Cli.run("shell", "--header", "novalue");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("--header").contains("KEY=VALUE");
    }

    @Test
    void badUuidIsAUsageError() throws Exception {
        Cli cli = Cli.run("shell", "-i", "loopback", "-p", PORT, "--uuid", "xyz");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Invalid value for option '--uuid': 'xyz' is not a UUID");
    }

    @Test
    void emptyGroupIsAUsageError() throws Exception {
        Cli cli = Cli.run("cat", "", "-i", "loopback", "-p", PORT);
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Invalid value for parameter 'GROUP': '' is not allowed; expected a group name of 1 to 255 bytes");
    }

    @Test
    void sendNeedsAGroupOrAPeer() throws Exception {
        Cli cli = Cli.run("send", "hello");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("Missing required argument").contains("--group").contains("--peer");
    }

    @Test
    void sendTakesAGroupOrAPeerNotBoth() throws Exception {
        Cli cli = Cli.run("send", "--group", "g", "--peer", "bob", "hello");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err.text()).contains("mutually exclusive");
    }

    @Test
    void sendWithoutPeersFailsWithExitCodeOne() throws Exception {
        Cli cli = Cli.run("send", "--group", "lonely", "hi", "-i", "loopback", "-p", PORT, "--timeout", "300ms");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err.text()).contains("zre send: no peer joined group 'lonely' within 300ms").contains("nothing was sent");
    }

    @Test
    void catWithInputButNoPeersFailsWithExitCodeOne() throws Exception {
        Cli cli = Cli.withInput("line\n", "cat", "lonely", "--stdin", "-i", "loopback", "-p", PORT, "--wait", "300ms");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err.text()).contains("zre cat: no peer joined group 'lonely' within 300ms");
    }
}
