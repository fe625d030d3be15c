package dev.zre.benchmarks;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/** Heap, threads and file descriptors of this JVM, for the memory scenario. */
public final class ProcessProbe {

    /** One reading. */
    public record Reading(long heapBytes, int threads, int fileDescriptors) {

        public Reading minus(Reading base) {
            return new Reading(heapBytes - base.heapBytes, threads - base.threads, fileDescriptors - base.fileDescriptors);
        }
    }

    private ProcessProbe() {
    }

    /** Collects garbage a few times, then reads heap in use, live threads and open descriptors. */
    public static Reading read() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(80);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new Reading(heap, threads, fileDescriptors());
    }

    /** CPU time of this process so far (all threads), in nanoseconds; -1 where not available. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Entries of {@code /proc/self/fd}; -1 where there is no such directory. */
    public static int fileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** This process's limit on open descriptors (the soft limit, which the JVM raises to the hard one); -1 if unknown. */
    public static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /**
     * The heap's class histogram (live objects, after a full GC), as {@code jcmd GC.class_histogram}
     * prints it, but from inside the JVM: no attach thread or socket that would change the readings.
     * Empty when the JVM cannot give one.
     */
    public static String classHistogram() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(text);
        } catch (JMException e) {
            System.err.println("no class histogram: " + e);
            return "";
        }
    }

    /** A histogram row: rank, instances, bytes, class name. */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    /**
     * The bytes of zre-core's own objects in a class histogram: classes in {@code dev.zre} and its
     * subpackages, except this benchmark module's. What zre-core holds through JDK or JeroMQ objects
     * (its maps, strings, sockets) is not counted: the histogram cannot tell who holds what.
     */
    static long zreCoreBytes(String histogram) {
        long bytes = 0;
        for (String line : histogram.lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (row.find() && row.group(2).startsWith("dev.zre.") && !row.group(2).startsWith("dev.zre.benchmarks.")) {
                bytes += Long.parseLong(row.group(1));
            }
        }
        return bytes;
    }
}
