package io.ipaas.harness.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PluginPollSourceTest {

    @Test
    void everyMethodOfTheSpiIsForwardedNotLeftToItsDefault() throws Exception {
        for (Method method : PollSource.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method forwarded = PluginPollSource.class.getMethod(method.getName(), method.getParameterTypes());
            assertEquals(
                    PluginPollSource.class,
                    forwarded.getDeclaringClass(),
                    "PollSource." + method.getName() + " is not forwarded to the plugin");
        }
    }

    @Test
    void pollAndStreamReachThePluginWithItsClassLoaderAndRestoreTheCallers() {
        ClassLoader plugin = new URLClassLoader(new URL[0], getClass().getClassLoader());
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        List<String> seen = new ArrayList<>();
        PollBatch empty = new PollBatch(List.of(), new Checkpoint(1, Map.of()), false);
        PollSource source = new PollSource() {
            @Override
            public PollBatch poll(PollRequest request) {
                seen.add("poll with " + (Thread.currentThread().getContextClassLoader() == plugin));
                return empty;
            }

            @Override
            public PollBatch stream(PollRequest request, Consumer<Record> records) {
                seen.add("stream with " + (Thread.currentThread().getContextClassLoader() == plugin));
                return empty;
            }
        };
        PluginPollSource bound = new PluginPollSource(source, plugin);

        assertSame(empty, bound.poll(PollRequest.from(Checkpoint.initial(), 10)));
        assertSame(empty, bound.stream(PollRequest.from(Checkpoint.initial(), 10), record -> {}));

        assertEquals(List.of("poll with true", "stream with true"), seen);
        assertSame(caller, Thread.currentThread().getContextClassLoader());
    }
}
