package jspy.testapps;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;

/**
 * A selector loop with nothing ever ready: the thread sits in epoll_wait, the "poll" bucket
 * (an event loop waiting for work, unlike a thread stuck on one socket).
 */
public final class PollApp {

    private PollApp() {
    }

    public static void main(String[] args) throws Exception {
        Selector selector = Selector.open();
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        // Registered so the selector has a real fd to watch; nobody ever connects to it.
        channel.register(selector, SelectionKey.OP_ACCEPT);
        Thread poller = Ready.start("poll-selector", () -> {
            while (true) {
                selector.select();
                selector.selectedKeys().clear();
            }
        });
        // EPollSelectorImpl on Linux, KQueueSelectorImpl on macOS.
        Ready.awaitFrame(poller, "SelectorImpl.doSelect");
        Ready.signalAndSleepForever();
    }
}
