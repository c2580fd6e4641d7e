package io.claimdesk.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * What the process spent between two snapshots: CPU time (every thread, load generator included), bytes allocated
 * by the threads other than the bench's clients, garbage collections, and the JIT compilers' time. Unlike latencies
 * the first two hardly move when other processes load the machine, so they compare two builds measured on a shared
 * machine; the last says whether the JIT was still at work, taking the CPU from the requests.
 */
record ProcessCost(long cpuNanos, long allocatedBytes, long gcCount, long gcMillis, long jitMillis) {

  static ProcessCost now() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    long[] allocated = threads.getThreadAllocatedBytes(ids);
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    long bytes = 0;
    for (int i = 0; i < ids.length; i++) {
      // the clients are new threads each row and gone after it: leave them out of both ends
      if (infos[i] != null && !infos[i].getThreadName().startsWith("bench-client-") && allocated[i] > 0) {
        bytes += allocated[i];
      }
    }
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new ProcessCost(os.getProcessCpuTime(), bytes, count, millis,
        ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
  }

  /** What was spent since {@code before}. */
  ProcessCost since(ProcessCost before) {
    return new ProcessCost(cpuNanos - before.cpuNanos, allocatedBytes - before.allocatedBytes,
        gcCount - before.gcCount, gcMillis - before.gcMillis, jitMillis - before.jitMillis);
  }
}
