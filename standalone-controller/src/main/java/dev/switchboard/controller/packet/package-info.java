/** Just enough packet parsing and building for the controller: Ethernet, ARP, IPv4, TCP and UDP headers. */
package dev.switchboard.controller.packet;
