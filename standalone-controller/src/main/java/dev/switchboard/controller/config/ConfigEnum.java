package dev.switchboard.controller.config;

/** An enum whose constants are spelled in the configuration file by {@link #configName()}. */
public interface ConfigEnum {
    /** @return the spelling in the configuration file, such as {@code least-load} */
    String configName();
}
