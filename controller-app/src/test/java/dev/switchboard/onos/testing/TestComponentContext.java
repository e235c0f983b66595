package dev.switchboard.onos.testing;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.ComponentInstance;

import java.util.Dictionary;

/** A component context that only carries configuration properties. */
public final class TestComponentContext implements ComponentContext {
    private final Dictionary<String, Object> properties;

    public TestComponentContext(Dictionary<String, Object> properties) {
        this.properties = properties;
    }

    @Override
    public Dictionary<String, Object> getProperties() {
        return properties;
    }

    @Override
    public <S> S locateService(String name) {
        return null;
    }

    @Override
    public <S> S locateService(String name, ServiceReference<S> reference) {
        return null;
    }

    @Override
    public Object[] locateServices(String name) {
        return new Object[0];
    }

    @Override
    public BundleContext getBundleContext() {
        return null;
    }

    @Override
    public Bundle getUsingBundle() {
        return null;
    }

    @Override
    public ComponentInstance<?> getComponentInstance() {
        return null;
    }

    @Override
    public void enableComponent(String name) {
    }

    @Override
    public void disableComponent(String name) {
    }

    @Override
    public ServiceReference<?> getServiceReference() {
        return null;
    }
}
