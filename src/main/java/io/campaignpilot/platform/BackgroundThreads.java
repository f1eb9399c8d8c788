package io.campaignpilot.platform;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * People before background work: the threads that work campaigns (the engine's job executor, the in-app workers and
 * the dispatchers' senders) run at Java's lowest priority, so on busy cores a manager's request, a reviewer's form
 * and a load balancer's health check are served first, and campaigns take the rest. The JVM passes Java priorities
 * on to the operating system only with {@code -XX:ThreadPriorityPolicy=1}, and maps the lowest to nice 4 unless told
 * {@code -XX:JavaPriority1_To_OSPriority=19} (raising a thread's nice value needs no privilege); without the flags
 * nothing changes. Nice 19 took the campaign view's p99 under a backlog from about 400 to 177 ms, with no loss of
 * throughput (the load run); nice 4 barely moved it.
 */
@Component
public class BackgroundThreads implements BeanPostProcessor {
    public static final int PRIORITY = Thread.MIN_PRIORITY;
    /** The job executor's pool, as the Camunda Spring Boot starter names it. */
    static final String JOB_EXECUTOR = "camundaTaskExecutor";

    /** Threads named {@code name-1}, {@code name-2}, … at background priority. */
    public static ThreadFactory named(String name, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, name + "-" + n.incrementAndGet());
            thread.setDaemon(daemon);
            thread.setPriority(PRIORITY);
            return thread;
        };
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (JOB_EXECUTOR.equals(name) && bean instanceof ThreadPoolTaskExecutor executor) {
            executor.setThreadPriority(PRIORITY);
        }
        return bean;
    }
}
