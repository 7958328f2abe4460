package dev.kit.maven;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.SessionData;

/**
 * One goal's count over the modules of one build: how many ran it and whether any held a
 * description, so that a build of several modules fails when none did (a skipped test compilation,
 * a mistyped class name) rather than succeeding with every module skipped. Kept in the resolver
 * session's data, which every module of the build shares, also when they run in parallel.
 */
final class ReactorTally {

  private final AtomicInteger modules = new AtomicInteger();
  private final AtomicBoolean described = new AtomicBoolean();

  /** The tally of {@code goal} in this build. */
  static ReactorTally of(RepositorySystemSession session, String goal) {
    SessionData data = session.getData();
    String key = ReactorTally.class.getName() + "/" + goal;
    // get, then compare-and-set: SessionData.computeIfAbsent is newer than the Maven 3 it runs in.
    Object tally = data.get(key);
    if (tally == null) {
      data.set(key, null, new ReactorTally());
      tally = data.get(key);
    }
    return (ReactorTally) tally;
  }

  /**
   * Counts one module; true when it is the last of {@code modulesInBuild} to be counted and no
   * module, this one included, held a description.
   */
  boolean lastWithoutDescription(boolean found, int modulesInBuild) {
    if (found) {
      described.set(true);
    }
    return modules.incrementAndGet() == modulesInBuild && !described.get();
  }
}
