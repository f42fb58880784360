package org.elasticsearch.node;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;

/**
 * A real Elasticsearch {@link Node} whose plugins come from the classpath
 * (pattern of Elasticsearch's test-framework MockNode, without any mocks).
 * Lives in org.elasticsearch.node to reach the package-private
 * Node(NodeConstruction) constructor and NodeServiceProvider.
 */
public class GroupchatNode extends Node {

    public GroupchatNode(Environment environment, Collection<Class<? extends Plugin>> classpathPlugins) {
        super(NodeConstruction.prepareConstruction(environment, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, Settings settings) {
                return new ClasspathPluginsService(settings, env, classpathPlugins);
            }
        }, true));
    }
}
