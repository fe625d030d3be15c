package dev.zre.security;

import java.util.Arrays;

/**
 * ZeroMQ's Z85 text encoding (RFC 32): 4 bytes become 5 printable characters. CURVE keys of 32
 * bytes are 40 characters.
 */
public final class Z85 {

    private static final String ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final int[] DECODE = new int[128];

    static {
        Arrays.fill(DECODE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DECODE[ALPHABET.charAt(i)] = i;
        }
    }

    private Z85() {
    }

    /**
     * Encodes bytes whose count is a multiple of 4.
     *
     * @throws IllegalArgumentException for any other length
     */
    public static String encode(byte[] data) {
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("Z85 encodes multiples of 4 bytes, got " + data.length);
        }
        StringBuilder sb = new StringBuilder(data.length / 4 * 5);
        char[] block = new char[5];
        for (int i = 0; i < data.length; i += 4) {
            long value = ((data[i] & 0xFFL) << 24) | ((data[i + 1] & 0xFFL) << 16) | ((data[i + 2] & 0xFFL) << 8)
                    | (data[i + 3] & 0xFFL);
            for (int j = 4; j >= 0; j--) {
                block[j] = ALPHABET.charAt((int) (value % 85));
                value /= 85;
            }
            sb.append(block);
        }
        return sb.toString();
    }

    /**
     * Decodes a Z85 string whose length is a multiple of 5.
     *
     * @throws IllegalArgumentException for another length or a character outside Z85's alphabet
     *     (the message never repeats the text: it may be a secret key)
     */
    public static byte[] decode(String text) {
        if (text.length() % 5 != 0) {
            throw new IllegalArgumentException("Z85 text must have a multiple of 5 characters, got " + text.length());
        }
        byte[] out = new byte[text.length() / 5 * 4];
        for (int i = 0, o = 0; i < text.length(); i += 5, o += 4) {
            long value = 0;
            for (int j = 0; j < 5; j++) {
                char c = text.charAt(i + j);
                int digit = c < 128 ? DECODE[c] : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException("not a Z85 character at position " + (i + j));
                }
                value = value * 85 + digit;
            }
            if (value > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("Z85 block at position " + i + " is out of range");
            }
            out[o] = (byte) (value >>> 24);
            out[o + 1] = (byte) (value >>> 16);
            out[o + 2] = (byte) (value >>> 8);
            out[o + 3] = (byte) value;
        }
        return out;
    }
}
