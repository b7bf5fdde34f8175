package dev.fabric.hydra.api;

/** A message about one head; consumers key head events by this id. */
public interface HeadScoped {

    /** Opaque hex head id (the head's policy id on chain). */
    String headId();
}
