package jspy.testapps;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * gRPC blocking stubs (grpc-netty-shaded) against a slow local gRPC server: the "socket" bucket.
 * One thread makes unary calls, one reads a server stream; both wait in gRPC's
 * ThreadlessExecutor while the shaded Netty event loop does the I/O. The service is defined
 * without protoc: a MethodDescriptor with a byte-array marshaller is all gRPC needs.
 */
public final class GrpcApp {

    private static final int RESPONSE_MILLIS = 2000;
    private static final int STREAM_GAP_MILLIS = 500;

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static final MethodDescriptor<byte[], byte[]> SLOW = method("Slow", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<byte[], byte[]> TICKS = method("Ticks", MethodDescriptor.MethodType.SERVER_STREAMING);

    /** Held: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    private GrpcApp() {
    }

    public static void main(String[] args) throws Exception {
        // The scenarios must print nothing, and gRPC logs connection resets to stderr.
        GRPC_LOG.setLevel(Level.OFF);
        Server server = startServer();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        Thread unary = Ready.start("grpc-client-unary", () -> {
            while (true) {
                ClientCalls.blockingUnaryCall(channel, SLOW, CallOptions.DEFAULT, new byte[] {1});
            }
        });
        Thread stream = Ready.start("grpc-client-stream", () -> {
            while (true) {
                Iterator<byte[]> ticks = ClientCalls.blockingServerStreamingCall(channel, TICKS, CallOptions.DEFAULT,
                        new byte[] {1});
                ticks.forEachRemaining(t -> { });
            }
        });
        Ready.awaitFrame(unary, "ClientCalls.blockingUnaryCall");
        Ready.awaitFrame(stream, "BlockingResponseStream.hasNext");
        Ready.signalAndSleepForever();
    }

    private static Server startServer() throws IOException {
        AtomicInteger n = new AtomicInteger();
        ServerServiceDefinition service = ServerServiceDefinition.builder("jspy.Waits")
                .addMethod(SLOW, ServerCalls.asyncUnaryCall((request, response) -> {
                    Ready.sleepMillis(RESPONSE_MILLIS);
                    response.onNext(request);
                    response.onCompleted();
                }))
                .addMethod(TICKS, ServerCalls.asyncServerStreamingCall((request, response) -> {
                    for (int i = 0; i < 4; i++) {
                        Ready.sleepMillis(STREAM_GAP_MILLIS);
                        response.onNext(request);
                    }
                    response.onCompleted();
                }))
                .build();
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .executor(Executors.newFixedThreadPool(4, r -> new Thread(r, "grpc-server-" + n.incrementAndGet())))
                .addService(service).build().start();
    }

    private static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("jspy.Waits", name))
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }
}
