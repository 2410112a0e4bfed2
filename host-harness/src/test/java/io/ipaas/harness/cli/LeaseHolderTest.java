package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A serve killed on this machine leaves leases that a serve started again takes over at once. */
class LeaseHolderTest {
    @Test
    void aHolderWhoseProcessEndedOnThisMachineHoldsNothingAnyOtherStillDoes() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String host = LeaseHolder.thisHost();
        assertTrue(LeaseHolder.goneFromThisHost("serve@" + host + "#" + ended.pid() + "#abcd1234"));
        assertFalse(LeaseHolder.goneFromThisHost(
                "serve@" + host + "#" + ProcessHandle.current().pid() + "#abcd1234"));
        assertFalse(LeaseHolder.goneFromThisHost("serve@another-machine.example#" + ended.pid() + "#abcd1234"));
        assertFalse(LeaseHolder.goneFromThisHost("serve-abcd1234"), "an older harness's name is left to run out");
    }
}
