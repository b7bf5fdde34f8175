package dev.fabric.deployer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "nginx,                              docker.io,          nginx,            ,",
            "library/busybox:1.36,               docker.io,          library/busybox,  1.36,",
            "ghcr.io/acme/api:1.4.2,             ghcr.io,            acme/api,         1.4.2,",
            "localhost/app,                      localhost,          app,              ,",
            "localhost:5000/team/app:v2,         localhost:5000,     team/app,         v2,",
            "reg.example.com:8443/x@sha256:0000000000000000000000000000000000000000000000000000000000000000, reg.example.com:8443, x, , sha256:0000000000000000000000000000000000000000000000000000000000000000",
    })
    void shouldFindRegistryPathTagAndDigest(String text, String registry, String path, String tag, String digest) {
        ImageReference.Parsed parsed = ImageReference.parse(text);

        assertThat(parsed).isInstanceOf(ImageReference.Parsed.Valid.class);
        ImageReference ref = ((ImageReference.Parsed.Valid) parsed).reference();
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.path()).isEqualTo(path);
        assertThat(ref.tag()).isEqualTo(Optional.ofNullable(tag));
        assertThat(ref.digest()).isEqualTo(Optional.ofNullable(digest));
    }
}
