/** The distributed dispatch table over ONOS's StorageService. */
package dev.switchboard.onos.store;
