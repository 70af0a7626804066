package org.opencli.fleet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;

/** Baseline: one cold, plain Jackson parse of a file in a fresh JVM; prints milliseconds. */
public final class JacksonParse {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        var tree = new ObjectMapper().readTree(new File(args[0]));
        long elapsed = System.nanoTime() - start;
        if (tree.size() == 0) throw new IllegalStateException("empty document");
        System.out.println(elapsed / 1_000_000.0);
    }
}
