package io.ipaas.connector.testkit.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit's own proof: the reference connector passes every case (or is skipped with a reason), and each broken
 * copy of it fails the case named for its flaw, for the reason given. The contract classes below are nested and
 * not named *Test, so surefire does not run them by themselves; this test runs them through the JUnit Platform.
 */
class ContractKitTest {

    @Test
    void theReferenceConnectorPassesEveryCaseOrIsSkippedWithAReason() {
        EngineExecutionResults results = run(Reference.class);
        Map<String, String> failures = outcomes(results, TestExecutionResult.Status.FAILED);
        assertEquals(Map.of(), failures, "the reference connector failed");
        Map<String, String> skipped = new TreeMap<>();
        results.testEvents().skipped().stream()
                .forEach(e -> skipped.put(name(e), e.getPayload(String.class).orElse("")));
        results.testEvents().aborted().stream().forEach(e -> skipped.put(name(e), reason(e)));
        skipped.forEach((name, reason) -> assertTrue(reason.length() > 10, name + " skipped without a reason"));
        // what the reference connector does not have: default mappings, scopes and an interactive sign-in
        assertEquals(
                List.of(
                        "defaultMappingsValidateAndNameDeclaredEntities",
                        "eachScopeReadsItsOwnRecords",
                        "interactiveSignInCarriesStateAndChallengeStoresTokensAndDisconnectForgetsThem",
                        "interactiveSignInRefusedByTheUserIsAnAuthenticationErrorWithTheProvidersReason",
                        "interactiveSignInWithTheWrongPkceVerifierIsAnAuthenticationError"),
                List.copyOf(skipped.keySet()),
                "skipped: " + skipped);
        assertTrue(results.testEvents().succeeded().count() >= 20, "cases run");
    }

    static Stream<Arguments> brokenConnectors() {
        return Stream.of(
                broken(NeverAdvancesWatermark.class, "incrementalSyncReturnsTheChangesAndNotTheWholeSet", "re-read"),
                broken(
                        CheckpointHoldsInstantAndUri.class,
                        "checkpointsSurviveTheHostsJsonRoundTrip",
                        "java.time.Instant"),
                broken(
                        CheckpointCastsToLong.class,
                        "checkpointsSurviveTheHostsJsonRoundTrip",
                        "cursor=6 (Integer)} threw java.lang.ClassCastException"),
                broken(CheckpointFormatZero.class, "checkpointsSurviveTheHostsJsonRoundTrip", "format 0"),
                broken(
                        NonJsonFieldValues.class,
                        "recordsNameTheirEntityCarryTheirKeyAndHoldOnlyJsonValues",
                        "which a JSON store cannot give back"),
                broken(
                        WrongEntityName.class,
                        "recordsNameTheirEntityCarryTheirKeyAndHoldOnlyJsonValues",
                        "names entity 'contact'"),
                broken(
                        KeyDiffersFromKeyField.class,
                        "recordsNameTheirEntityCarryTheirKeyAndHoldOnlyJsonValues",
                        "differs from its key field"),
                broken(ThreeTimesMaxRecords.class, "everyBatchHoldsAtMostMaxRecords", "but maxRecords was"),
                broken(HasMoreNeverFalse.class, "fullPullIsCompleteAndDuplicateFree", "had not ended after"),
                broken(
                        SkipsARecordOnResume.class,
                        "pullResumedByARestartedHostAfterACrashAtEveryCommitPointLosesNothing",
                        "lost 1 of"),
                broken(DropsDeletes.class, "incrementalSyncReturnsTheChangesAndNotTheWholeSet", "deleted record"),
                broken(StatusMakesARequest.class, "openAndAuthStatusMakeNoRequests", "auth().status()"),
                broken(OpenMakesARequest.class, "openAndAuthStatusMakeNoRequests", "open() sent 1 request"),
                broken(WriterCreatesTwice.class, "writesAreIdempotentOnTheIdempotencyKey", "wrote another record"),
                broken(WriterFailsTheWholeCall.class, "oneBadRecordFailsAloneInAWrite", "failed the whole write"),
                broken(
                        WebhookAcceptsAForgedClientState.class,
                        "webhookAcceptsAGenuineNotificationAndRejectsAForgedOne",
                        "a forged notification"),
                broken(
                        WebhookAcceptsAMalformedBody.class,
                        "webhookRejectsMalformedRequestsWithoutNotices",
                        "must be answered with a 4xx status"),
                broken(
                        DropsUnreadableRecords.class,
                        "anUnreadableRecordIsRejectedAndEveryOtherRecordArrives",
                        "was dropped silently"),
                broken(
                        FailsThePollOnAnUnreadableRecord.class,
                        "anUnreadableRecordIsRejectedAndEveryOtherRecordArrives",
                        "failed the whole poll (DATA"),
                broken(
                        ThrottlingIsInternal.class,
                        "throttledAndUnavailablePollsAreTransientAndPollingAgainLosesNothing",
                        "429 with Retry-After threw INTERNAL"),
                broken(
                        SwallowsTransientFailures.class,
                        "throttledAndUnavailablePollsAreTransientAndPollingAgainLosesNothing",
                        "returned 0 records instead of throwing"),
                broken(
                        StreamDropsTheLastRecord.class,
                        "streamedAndPlainPollsReturnTheSameBatches",
                        "stream() returned other records than poll()"),
                broken(
                        WorkUnitIdsCollide.class,
                        "workUnitsAreUniqueAndTheFirstScopeKeepsEntityNames",
                        "two work units share the id contacts"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("brokenConnectors")
    void everyBrokenConnectorFailsTheCaseNamedForItsFlaw(Class<?> contract, String expectedCase, String because) {
        Map<String, String> failures = outcomes(run(contract), TestExecutionResult.Status.FAILED);
        assertTrue(
                failures.containsKey(expectedCase),
                contract.getSimpleName() + " passed " + expectedCase + "; failed only " + failures.keySet());
        assertTrue(
                failures.get(expectedCase).contains(because),
                expectedCase + " failed for another reason than '" + because + "': " + failures.get(expectedCase));
    }

    private static Arguments broken(Class<? extends ReferenceContract> contract, String expectedCase, String because) {
        return Arguments.of(contract, expectedCase, because);
    }

    private static EngineExecutionResults run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(contract))
                .execute();
    }

    private static Map<String, String> outcomes(EngineExecutionResults results, TestExecutionResult.Status status) {
        Map<String, String> outcomes = new TreeMap<>();
        results.testEvents().finished().stream()
                .filter(e -> e.getPayload(TestExecutionResult.class)
                        .map(r -> r.getStatus() == status)
                        .orElse(false))
                .forEach(e -> outcomes.put(name(e), reason(e)));
        return outcomes;
    }

    private static String name(Event event) {
        String display = event.getTestDescriptor().getDisplayName();
        return display.endsWith("()") ? display.substring(0, display.length() - 2) : display;
    }

    private static String reason(Event event) {
        Optional<Throwable> thrown =
                event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
        return thrown.map(t -> t.getClass().getName() + ": " + t.getMessage()).orElse("");
    }

    // --- the contracts the kit runs; nested and not named *Test so that only this class runs them ------------

    static final class Reference extends ReferenceContract {}

    static final class NeverAdvancesWatermark extends ReferenceContract {
        NeverAdvancesWatermark() {
            super(Flaw.NEVER_ADVANCES_WATERMARK);
        }
    }

    static final class CheckpointHoldsInstantAndUri extends ReferenceContract {
        CheckpointHoldsInstantAndUri() {
            super(Flaw.CHECKPOINT_HOLDS_INSTANT_AND_URI);
        }
    }

    static final class CheckpointCastsToLong extends ReferenceContract {
        CheckpointCastsToLong() {
            super(Flaw.CHECKPOINT_CASTS_TO_LONG);
        }
    }

    static final class CheckpointFormatZero extends ReferenceContract {
        CheckpointFormatZero() {
            super(Flaw.CHECKPOINT_FORMAT_ZERO);
        }
    }

    static final class NonJsonFieldValues extends ReferenceContract {
        NonJsonFieldValues() {
            super(Flaw.NON_JSON_FIELD_VALUES);
        }
    }

    static final class WrongEntityName extends ReferenceContract {
        WrongEntityName() {
            super(Flaw.WRONG_ENTITY_NAME);
        }
    }

    static final class KeyDiffersFromKeyField extends ReferenceContract {
        KeyDiffersFromKeyField() {
            super(Flaw.KEY_DIFFERS_FROM_KEY_FIELD);
        }
    }

    static final class ThreeTimesMaxRecords extends ReferenceContract {
        ThreeTimesMaxRecords() {
            super(Flaw.THREE_TIMES_MAX_RECORDS);
        }
    }

    static final class HasMoreNeverFalse extends ReferenceContract {
        HasMoreNeverFalse() {
            super(Flaw.HAS_MORE_NEVER_FALSE);
        }
    }

    static final class SkipsARecordOnResume extends ReferenceContract {
        SkipsARecordOnResume() {
            super(Flaw.SKIPS_A_RECORD_ON_RESUME);
        }
    }

    static final class DropsDeletes extends ReferenceContract {
        DropsDeletes() {
            super(Flaw.DROPS_DELETES);
        }
    }

    static final class StatusMakesARequest extends ReferenceContract {
        StatusMakesARequest() {
            super(Flaw.STATUS_MAKES_A_REQUEST);
        }
    }

    static final class OpenMakesARequest extends ReferenceContract {
        OpenMakesARequest() {
            super(Flaw.OPEN_MAKES_A_REQUEST);
        }
    }

    static final class WriterCreatesTwice extends ReferenceContract {
        WriterCreatesTwice() {
            super(Flaw.WRITER_CREATES_TWICE);
        }
    }

    static final class WriterFailsTheWholeCall extends ReferenceContract {
        WriterFailsTheWholeCall() {
            super(Flaw.WRITER_FAILS_THE_WHOLE_CALL);
        }
    }

    static final class WebhookAcceptsAForgedClientState extends ReferenceContract {
        WebhookAcceptsAForgedClientState() {
            super(Flaw.WEBHOOK_ACCEPTS_A_FORGED_CLIENT_STATE);
        }
    }

    static final class WebhookAcceptsAMalformedBody extends ReferenceContract {
        WebhookAcceptsAMalformedBody() {
            super(Flaw.WEBHOOK_ACCEPTS_A_MALFORMED_BODY);
        }
    }

    static final class DropsUnreadableRecords extends ReferenceContract {
        DropsUnreadableRecords() {
            super(Flaw.DROPS_UNREADABLE_RECORDS);
        }
    }

    static final class FailsThePollOnAnUnreadableRecord extends ReferenceContract {
        FailsThePollOnAnUnreadableRecord() {
            super(Flaw.FAILS_THE_POLL_ON_AN_UNREADABLE_RECORD);
        }
    }

    static final class ThrottlingIsInternal extends ReferenceContract {
        ThrottlingIsInternal() {
            super(Flaw.THROTTLING_IS_INTERNAL);
        }
    }

    static final class SwallowsTransientFailures extends ReferenceContract {
        SwallowsTransientFailures() {
            super(Flaw.SWALLOWS_TRANSIENT_FAILURES);
        }
    }

    static final class StreamDropsTheLastRecord extends ReferenceContract {
        StreamDropsTheLastRecord() {
            super(Flaw.STREAM_DROPS_THE_LAST_RECORD);
        }
    }

    static final class WorkUnitIdsCollide extends ReferenceContract {
        WorkUnitIdsCollide() {
            super(Flaw.WORK_UNIT_IDS_COLLIDE);
        }
    }
}
