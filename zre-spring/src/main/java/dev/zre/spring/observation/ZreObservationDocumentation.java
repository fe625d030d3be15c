package dev.zre.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of ZRE listeners and the template, their names and keys. Low-cardinality keys
 * become meter tags; high-cardinality ones (peer, group) only span attributes.
 */
public enum ZreObservationDocumentation implements ObservationDocumentation {

    /**
     * One {@code @ZreListener} invocation ({@code zre.listener.process}).
     */
    LISTENER_OBSERVATION {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultZreListenerObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return ListenerLowCardinalityTags.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityTags.values();
        }

    },

    /**
     * One {@code ZreTemplate} SHOUT or WHISPER ({@code zre.template.send}).
     */
    TEMPLATE_OBSERVATION {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultZreTemplateObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return TemplateLowCardinalityTags.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityTags.values();
        }

    };

    /** Low-cardinality keys of the listener observation. */
    public enum ListenerLowCardinalityTags implements KeyName {

        /** Always {@code zre}. */
        MESSAGING_SYSTEM {
            @Override
            public String asString() {
                return "messaging.system";
            }
        },

        /** Always {@code process}. */
        MESSAGING_OPERATION {
            @Override
            public String asString() {
                return "messaging.operation";
            }
        },

        /** The listener's id. */
        LISTENER_ID {
            @Override
            public String asString() {
                return "zre.listener.id";
            }
        },

        /** The event's type in lower case: {@code shout}, {@code whisper}, {@code enter}, ... */
        EVENT_TYPE {
            @Override
            public String asString() {
                return "zre.event.type";
            }
        }

    }

    /** Low-cardinality keys of the template observation. */
    public enum TemplateLowCardinalityTags implements KeyName {

        /** Always {@code zre}. */
        MESSAGING_SYSTEM {
            @Override
            public String asString() {
                return "messaging.system";
            }
        },

        /** Always {@code send}. */
        MESSAGING_OPERATION {
            @Override
            public String asString() {
                return "messaging.operation";
            }
        },

        /** {@code shout} or {@code whisper}. */
        EVENT_TYPE {
            @Override
            public String asString() {
                return "zre.event.type";
            }
        }

    }

    /** High-cardinality keys of both observations (span attributes, never meter tags). */
    public enum HighCardinalityTags implements KeyName {

        /** The group of a SHOUT, JOIN or LEAVE. */
        DESTINATION {
            @Override
            public String asString() {
                return "messaging.destination.name";
            }
        },

        /** The peer's UUID in zyre's form: the sender (listener) or the receiver of a WHISPER (template). */
        PEER {
            @Override
            public String asString() {
                return "zre.peer.id";
            }
        }

    }

}
