package io.meshscope.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The logback.xml that ships with serve loads without a warning: any warning makes logback print its whole status
 * list (a dozen {@code |-INFO in ch.qos.logback...} lines) to stdout before the first log line.
 */
class ShippedLogConfigTest {
    @Test
    void shippedConfigurationLoadsWithoutWarnings() throws Exception {
        URL shipped = ShippedLogConfigTest.class.getClassLoader().getResource("logback.xml");
        assertThat(shipped).as("server/src/main/resources/logback.xml on the classpath").isNotNull();
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);

        configurator.doConfigure(shipped);

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getEffectiveLevel() >= Status.WARN)
                .extracting(Status::getMessage)
                .isEmpty();
    }
}
