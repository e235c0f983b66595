package dev.switchboard.onos.cli;

import dev.switchboard.onos.api.DispatchAdminService;
import org.onosproject.cli.AbstractShellCommand;

/** What the Switchboard commands share: the service they talk to. */
abstract class SwitchboardCommand extends AbstractShellCommand {
    /** Set by tests; in the shell the service comes from the OSGi registry on each call. */
    DispatchAdminService dispatch;

    @Override
    protected abstract void doExecute() throws Exception;

    DispatchAdminService dispatch() {
        return dispatch != null ? dispatch : get(DispatchAdminService.class);
    }
}
