package org.elasticsearch.plugins;

import org.elasticsearch.Version;
import org.elasticsearch.common.settings.Settings;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads plugins from the classpath instead of a plugins folder, so an Elasticsearch node can run
 * inside a test JVM. Lives in Elasticsearch's package because the hooks it needs are package-private:
 * the server version is pinned in the POM for that reason.
 */
public class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> plugins;

    public ClasspathPluginsService(Settings settings, Path configPath, PluginsLoader loader,
                                   List<Class<? extends Plugin>> pluginClasses) {
        super(settings, configPath, loader);
        this.plugins = pluginClasses.stream().map(type -> {
            var descriptor = new PluginDescriptor(type.getName(), "classpath plugin", "NA",
                    Version.CURRENT.toString(), "21", type.getName(), null, List.of(),
                    false, false, false, false, PluginDescriptor.DeploymentTarget.ALL);
            return new LoadedPlugin(descriptor, loadPlugin(type, settings, configPath),
                    type.getClassLoader());
        }).toList();
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return plugins;
    }
}
