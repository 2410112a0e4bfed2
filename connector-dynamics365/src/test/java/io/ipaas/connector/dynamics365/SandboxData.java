package io.ipaas.connector.dynamics365;

import io.ipaas.bcsandbox.BcSandbox;
import java.util.List;

/** What the sandbox holds for "CRONUS USA, Inc.", read from its generator rather than through the API. */
final class SandboxData {
    private SandboxData() {}

    static List<String> itemIds(BcSandbox sandbox) {
        return sandbox.dataset().itemIds(BcSandbox.CRONUS_USA).toList();
    }

    static List<String> variantIds(BcSandbox sandbox) {
        return sandbox.dataset().variantIds(BcSandbox.CRONUS_USA).toList();
    }
}
