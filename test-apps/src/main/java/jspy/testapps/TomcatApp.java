package jspy.testapps;

import java.util.logging.LogManager;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat 10.1 with no traffic: its acceptor ({@code http-nio-auto-1-Acceptor})
 * blocks in ServerSocketChannel.accept (idle: it waits for work), its poller waits in a selector
 * (poll) and its request threads ({@code http-nio-auto-1-exec-N}) wait for work on their queue
 * (idle). Loopback only; Tomcat's logging is switched off, as the scenarios print nothing.
 */
public final class TomcatApp {
    private TomcatApp() {
    }

    public static void main(String[] args) throws Exception {
        LogManager.getLogManager().reset(); // Tomcat logs INFO lines to stderr through java.util.logging
        Tomcat tomcat = new Tomcat();
        // Its default base is a directory in the working directory; without a web application
        // Tomcat writes nothing there, so the temporary directory itself does (seen empty).
        tomcat.setBaseDir(System.getProperty("java.io.tmpdir"));
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.start();
        Thread acceptor = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().endsWith("-Acceptor"))
                .findFirst().orElseThrow(() -> new IllegalStateException("Tomcat started no acceptor"));
        Ready.awaitFrame(acceptor, "Net.accept");
        Ready.signalAndSleepForever();
    }
}
