package groupchat;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.GroupchatNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real, single Elasticsearch 8.14 node in-process.
 *
 * Usage: GroupchatEsNode <baseDir> [httpPort=9200] [clusterName=groupchat]
 *   (or -Dgroupchat.es.base=..., -Dgroupchat.es.port=..., -Dgroupchat.es.cluster=...)
 * Extra node settings: any system property "-Des.setting.<key>=<value>", e.g.
 *   -Des.setting.logger.level=DEBUG
 * Layout under baseDir: data/ logs/ config/ (optional elasticsearch.yml) modules/ plugins/ (kept empty).
 * Logs go to stdout (log4j default console config, level INFO).
 */
public final class GroupchatEsNode {

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : System.getProperty("groupchat.es.base");
        if (base == null) {
            System.err.println("usage: GroupchatEsNode <baseDir> [httpPort] [clusterName]");
            System.exit(2);
        }
        String port = args.length > 1 ? args[1] : System.getProperty("groupchat.es.port", "9200");
        String cluster = args.length > 2 ? args[2] : System.getProperty("groupchat.es.cluster", "groupchat");

        Path home = Paths.get(base).toAbsolutePath().normalize();
        for (String d : new String[] { "data", "logs", "config", "modules", "plugins" }) {
            Files.createDirectories(home.resolve(d));
        }

        Settings.Builder b = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", cluster)
            .put("node.name", "groupchat-es")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.host", "127.0.0.1")
            .put("http.port", port)
            .put("transport.host", "127.0.0.1")
            .put("transport.port", "0")
            // dev machine: don't flip indices to read-only when the disk is nearly full
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("logger.level", "INFO");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("es.setting.")).forEach(
            k -> b.put(k.substring("es.setting.".length()), System.getProperty(k)));
        Settings settings = b.build();

        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);
        LogConfigurator.setNodeName("groupchat-es");

        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "groupchat-es");
        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, GroupchatAnalysisPlugin.class, GroupchatRestRootPlugin.class);

        long t0 = System.nanoTime();
        final Node node = new GroupchatNode(env, plugins);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (node.awaitClose(20, TimeUnit.SECONDS) == false) {
                    System.err.println("[groupchat-es] node did not close within 20s");
                }
            } catch (Throwable t) {
                t.printStackTrace();
            } finally {
                System.out.println("[groupchat-es] stopped");
                stopped.countDown();
            }
        }, "groupchat-es-shutdown"));
        node.start();
        System.out.printf("[groupchat-es] started: http://127.0.0.1:%s cluster=%s in %d ms%n", port, cluster,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        stopped.await(); // keep-alive (ES threads are daemon threads)
    }
}
