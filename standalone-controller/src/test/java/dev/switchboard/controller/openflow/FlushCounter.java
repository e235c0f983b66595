package dev.switchboard.controller.openflow;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts writes and flushes that reach the socket end of a pipeline. */
final class FlushCounter extends ChannelOutboundHandlerAdapter {
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger flushes = new AtomicInteger();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        writes.incrementAndGet();
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        flushes.incrementAndGet();
        ctx.flush();
    }

    void reset() {
        writes.set(0);
        flushes.set(0);
    }
}
