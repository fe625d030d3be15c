package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Every setting check in zre-core reports the setting, the value and what is allowed, typed. */
class InvalidZreSettingExceptionTest {

    @Test
    void buildRejectsAValueWithSettingValueAndExpectation() {
        ZreConfig.Builder builder = ZreConfig.builder().networkInterface(ZreConfig.LOOPBACK).beaconPort(70000);
        InvalidZreSettingException e = catchThrowableOfType(InvalidZreSettingException.class, builder::build);
        assertThat(e.setting()).isEqualTo("beaconPort");
        assertThat(e.value()).isEqualTo("70000");
        assertThat(e.expected()).isEqualTo("a port from 1 to 65535");
        assertThat(e.reason()).isEqualTo("'70000' is not allowed; expected a port from 1 to 65535");
        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ZRE setting 'beaconPort': '70000' is not allowed; expected a port from 1 to 65535");
    }

    @Test
    void unknownInterfaceFailsStartWithTheSettingAsCause() {
        ZreNode node = new ZreNode(ZreConfig.builder().networkInterface("no-such-if0").build());
        Throwable failure = catchThrowable(node::start);
        assertThat(failure).isInstanceOf(ZreException.class);
        assertThat(InvalidZreSettingException.in(failure)).hasValueSatisfying(e -> {
            assertThat(e.setting()).isEqualTo("networkInterface");
            assertThat(e.value()).isEqualTo("no-such-if0");
            assertThat(e.reason()).startsWith("'no-such-if0' cannot be used (there is no interface of that name)");
            assertThat(e.expected()).startsWith("'auto', 'loopback', or one of").contains("127.0.0.1");
        });
        node.stop();
    }

    @Test
    void mailboxPortInUseFailsStartWithTheSettingAsCause() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ZreNode node = new ZreNode(ZreConfig.builder().networkInterface(ZreConfig.LOOPBACK).beaconEnabled(false)
                    .mailboxPort(taken.getLocalPort()).build());
            Throwable failure = catchThrowable(node::start);
            assertThat(InvalidZreSettingException.in(failure)).hasValueSatisfying(e -> {
                assertThat(e.setting()).isEqualTo("mailboxPort");
                assertThat(e.value()).isEqualTo(String.valueOf(taken.getLocalPort()));
                assertThat(e.expected()).isEqualTo("a free port, or 0 for any free port");
            });
        }
    }

    @Test
    void aHiddenValueIsNeverShown() {
        InvalidZreSettingException e = InvalidZreSettingException.hidingValue("secretKey", "40 Z85 characters");
        assertThat(e.valueHidden()).isTrue();
        assertThat(e.value()).isEqualTo(InvalidZreSettingException.HIDDEN_VALUE);
        assertThat(e).hasMessage("Invalid ZRE setting 'secretKey': '******' is not allowed; expected 40 Z85 characters");
    }

    @Test
    void otherFailuresHoldNoSettingException() {
        assertThat(InvalidZreSettingException.in(new ZreException("x", new IllegalStateException("y")))).isEmpty();
        assertThat(InvalidZreSettingException.in(null)).isEmpty();
    }
}
