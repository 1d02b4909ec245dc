package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job: {@code java -jar provenance.jar demo}. */
class DemoIT {
  @TempDir Path dir;

  @Test
  void demo_verifiesTheChainAndCatchesEveryAttack() {
    JsonObject json =
        new Cli(dir).run("demo", "--workdir", "work", "--format", "json").exits(0).json();
    assertThat(json.get("verified")).contains(JsonBoolean.TRUE);
    JsonArray attacks = (JsonArray) json.get("attacks").orElseThrow();
    assertThat(attacks.elements()).isNotEmpty();
    for (JsonValue a : attacks.elements()) {
      assertThat(((JsonObject) a).get("caught")).as("%s", a).contains(JsonBoolean.TRUE);
    }
  }

  @Test
  void demo_nonEmptyWorkdir_exits2() {
    Cli cli = new Cli(dir);
    cli.file("work/existing", "x");
    cli.run("demo", "--workdir", "work").exits(2);
  }
}
