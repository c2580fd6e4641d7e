package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * mongo-java-server's wire handlers on our own Netty bootstrap: its {@code MongoServer} binds one address with a
 * fixed pipeline, and the embedded database needs a gate in that pipeline and, optionally, a second listener on
 * the same backend.
 */
final class WireServer implements AutoCloseable {
  private final MongoBackend backend;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
      new DefaultThreadFactory("embedded-mongo-boss"), NioIoHandler.newFactory());
  private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0,
      new DefaultThreadFactory("embedded-mongo-worker"), NioIoHandler.newFactory());
  private final ChannelGroup clients = new DefaultChannelGroup("embedded-mongo-clients", workers.next());
  private final List<Channel> listeners = new ArrayList<>();

  WireServer(MongoBackend backend) {
    this.backend = backend;
  }

  /**
   * Listens on {@code address}; when {@code gate} is not null each connection gets a new one of its handlers
   * between the decoder and the database. Answers the address bound (the port chosen for port 0).
   */
  InetSocketAddress listen(InetSocketAddress address, Supplier<ChannelHandler> gate) {
    Channel listener = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 100)
        .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel.pipeline().addLast(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                new MongoWireProtocolHandler());
            if (gate != null) {
              channel.pipeline().addLast(gate.get());
            }
            channel.pipeline().addLast(new MongoDatabaseHandler(backend, clients), new MongoExceptionHandler());
          }
        })
        .bind(address).syncUninterruptibly().channel();
    listeners.add(listener);
    return (InetSocketAddress) listener.localAddress();
  }

  /** Stops listening, closes every connection, stops the threads, then closes the backend (saving everything). */
  @Override
  public void close() {
    listeners.forEach(l -> l.close().syncUninterruptibly());
    clients.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    backend.close();
  }
}
