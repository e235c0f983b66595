package dev.switchboard.dispatch.model;

import java.util.Objects;

/** A balanced service: its address and the name of the server group (application) that serves it. */
public final class Service {
    private final String name;
    private final ServiceId id;
    private final String group;

    private Service(String name, ServiceId id, String group) {
        this.name = name;
        this.id = id;
        this.group = group;
    }

    /**
     * @param name operator-facing unique name, such as {@code web}
     * @param id VIP, protocol and port
     * @param group the server group that serves it
     * @throws IllegalArgumentException when a field is missing
     */
    public static Service of(String name, ServiceId id, String group) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("service name must not be empty");
        }
        if (id == null) {
            throw new IllegalArgumentException("service '" + name + "': address is missing");
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("service '" + name + "': group must not be empty");
        }
        return new Service(name, id, group);
    }

    public String name() {
        return name;
    }

    public ServiceId id() {
        return id;
    }

    public String group() {
        return group;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Service)) {
            return false;
        }
        Service s = (Service) o;
        return name.equals(s.name) && id.equals(s.id) && group.equals(s.group);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, id, group);
    }

    @Override
    public String toString() {
        return name + "(" + id + " -> " + group + ")";
    }
}
