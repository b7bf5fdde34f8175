package dev.fabric.reputation.topology;

import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.reputation.domain.Evidence;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns verified attestations into evidence, refusing one whose record key is not its operatorId:
 * it would sit on another operator's partition, where the score store for its operator is not.
 */
final class AttestationKeyCheck implements Processor<String, Attestation, String, Admission<Evidence>> {

    private final AttestationAdmission admission;
    private final RejectedInputs rejections;
    private ProcessorContext<String, Admission<Evidence>> context;

    AttestationKeyCheck(AttestationAdmission admission, Map<String, ?> serdeConfig) {
        this.admission = admission;
        this.rejections = new RejectedInputs(ReputationTopology.SERVICE, serdeConfig);
    }

    @Override
    public void init(ProcessorContext<String, Admission<Evidence>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Attestation> record) {
        Attestation attestation = record.value();
        if (!attestation.getOperatorId().equals(record.key())) {
            String reason = "record key " + record.key() + " is not the attestation's operatorId " + attestation.getOperatorId();
            Admission<Evidence> rejected = new Admission.Rejected<>(rejections.deadLetter(context, record, attestation, reason));
            context.forward(record.withValue(rejected));
            return;
        }
        Admission<Evidence> accepted = new Admission.Accepted<>(admission.evidence(attestation));
        context.forward(record.withValue(accepted));
    }
}
