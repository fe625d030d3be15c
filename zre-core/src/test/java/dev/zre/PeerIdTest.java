package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One id, one rendering: zyre's 32 upper-case hex digits; both forms read back. */
class PeerIdTest {

    private static final UUID UUID_ = UUID.fromString("5bb6cf4d-2f5d-4a34-a3a2-f5a1d0b2c3e4");

    @Test
    void showsZyresForm() {
        assertThat(PeerId.of(UUID_)).hasToString("5BB6CF4D2F5D4A34A3A2F5A1D0B2C3E4");
    }

    @Test
    void parsesZyresFormInEitherCaseAndTheDashedForm() {
        assertThat(PeerId.parse("5BB6CF4D2F5D4A34A3A2F5A1D0B2C3E4").uuid()).isEqualTo(UUID_);
        assertThat(PeerId.parse(" 5bb6cf4d2f5d4a34a3a2f5a1d0b2c3e4 ").uuid()).isEqualTo(UUID_);
        assertThat(PeerId.parse("5bb6cf4d-2f5d-4a34-a3a2-f5a1d0b2c3e4").uuid()).isEqualTo(UUID_);
    }

    @Test
    void refusesAnythingElseNamingTheText() {
        for (String bad : new String[] {"", "xyz", "5BB6CF4D2F5D4A34A3A2F5A1D0B2C3E", "5BB6CF4D2F5D4A34A3A2F5A1D0B2C3EZ",
                "5bb6cf4d2-f5d-4a34-a3a2-f5a1d0b2c3e4", "1-2-3-4-5"}) {
            assertThatThrownBy(() -> PeerId.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void ordersLikeZyresStringComparison() {
        PeerId low = PeerId.parse("0A000000000000000000000000000000");
        PeerId high = PeerId.parse("A0000000000000000000000000000000");
        assertThat(low).isLessThan(high);
        assertThat(PeerId.of(UUID_)).isEqualTo(PeerId.parse(PeerId.of(UUID_).toString()));
    }
}
