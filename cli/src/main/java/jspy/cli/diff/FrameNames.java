package jspy.cli.diff;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jspy.cli.profile.Frames;

/**
 * Each frame text of a folded file, looked up where it stands in its line, to one shared String of
 * its {@linkplain Frames#normalize normalized} name. A frame recurs in thousands of lines; looking it
 * up without cutting it out of the line first makes no garbage, and equal names being one instance
 * makes the tree's and the bucket rules' comparisons and hashes cheap.
 */
final class FrameNames {
    /** Open addressing; raw texts and their names at the same slot, the raw text's hash beside them. */
    private char[][] raw = new char[1 << 12][];
    private String[] names = new String[raw.length];
    private int[] hashes = new int[raw.length];
    private int size;
    /** One instance per normalized name: raw texts that normalize alike share it. */
    private final Map<String, String> canonical = new HashMap<>();

    /** One step of the hash {@link #name} expects: start from 0 and fold in each char of the frame text. */
    static int hash(int h, char c) {
        return 31 * h + c;
    }

    /** The normalized name of {@code chars[start, end)}, whose {@link #hash} is {@code hash}. */
    String name(char[] chars, int start, int end, int hash) {
        int mask = raw.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            char[] known = raw[slot];
            if (known == null) {
                return add(slot, Arrays.copyOfRange(chars, start, end), hash);
            }
            if (hashes[slot] == hash && Arrays.equals(known, 0, known.length, chars, start, end)) {
                return names[slot];
            }
        }
    }

    int size() {
        return size;
    }

    private String add(int slot, char[] text, int hash) {
        String name = canonical.computeIfAbsent(Frames.normalize(new String(text)), n -> n);
        raw[slot] = text;
        names[slot] = name;
        hashes[slot] = hash;
        if (++size * 2 > raw.length) {
            grow();
        }
        return name;
    }

    private void grow() {
        char[][] oldRaw = raw;
        String[] oldNames = names;
        int[] oldHashes = hashes;
        raw = new char[oldRaw.length * 2][];
        names = new String[raw.length];
        hashes = new int[raw.length];
        int mask = raw.length - 1;
        for (int i = 0; i < oldRaw.length; i++) {
            if (oldRaw[i] != null) {
                int slot = spread(oldHashes[i]) & mask;
                while (raw[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                raw[slot] = oldRaw[i];
                names[slot] = oldNames[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }

    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
