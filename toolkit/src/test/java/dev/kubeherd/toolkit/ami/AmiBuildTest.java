package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.kubeherd.toolkit.ami.AwsStub.image;
import static dev.kubeherd.toolkit.ami.AwsStub.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link AmiBuild} up to the AMI: the source image, packer, the manifest, tags and SSM, and what a
 * failure leaves unchanged (pruning: {@link AmiBuildPruningTest}).
 */
class AmiBuildTest extends AmiBuildFixture {
  @Test
  void newestFlatcarImageIsFoundAcrossPagesAndPackerGetsTheResolvedVariables() throws Exception {
    FakePacker packer =
        FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI + ",us-east-1:" + NEW_AMI_US);

    AmiBuildReport report =
        run(options(packer).region("us-east-1").subnetId("subnet-0a1b2c3d").build());

    List<Map<String, String>> describes = aws.calls("DescribeImages");
    assertThat(describes).hasSize(2);
    assertThat(describes.getFirst())
        .containsEntry("Owner.1", "075585003325")
        .containsEntry("Filter.1.Name", "name")
        .containsEntry("Filter.1.Value.1", "Flatcar-stable-*-hvm")
        .containsEntry("Filter.2.Name", "architecture")
        .containsEntry("Filter.2.Value.1", "x86_64")
        .containsEntry("Filter.3.Name", "virtualization-type")
        .containsEntry("Filter.3.Value.1", "hvm")
        .containsEntry("Filter.4.Name", "state")
        .containsEntry("Filter.4.Value.1", "available")
        .doesNotContainKey("NextToken");
    assertThat(describes.get(1)).containsEntry("NextToken", "page-2");
    assertThat(report.source().orElseThrow().imageId()).isEqualTo(SOURCE);
    assertThat(packer.argv()).startsWith("build", "-color=false");
    assertThat(packer.argv().getLast()).endsWith("/flatcar.pkr.hcl");
    assertThat(packer.vars())
        .containsEntry("source_ami", SOURCE)
        .containsEntry("flatcar_version", "4152.2.3")
        .containsEntry("channel", "stable")
        .containsEntry("arch", "x86_64")
        .containsEntry("region", "eu-west-1")
        .containsEntry("ami_regions", "[\"us-east-1\"]")
        .containsEntry("ami_name_prefix", "kubeherd-node")
        .containsEntry("instance_type", "t3.small")
        .containsEntry("subnet_id", "subnet-0a1b2c3d")
        .containsEntry("git_sha", "3f2c1d0")
        .containsKey("manifest_path");
    assertThat(report.amis())
        .containsExactly(Map.entry("eu-west-1", NEW_AMI), Map.entry("us-east-1", NEW_AMI_US));
    assertThat(progress).anyMatch(l -> l.contains("==> amazon-ebs.flatcar: Creating AMI"));
  }

  @Test
  void theAmisAreTaggedAndPublishedToSsmInEachRegionWithAVersionLabel() throws Exception {
    FakePacker packer =
        FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI + ",us-east-1:" + NEW_AMI_US);

    run(options(packer).region("us-east-1").ssmParameter("/kubeherd/prod/node/ami").build());

    List<Map<String, String>> tags = aws.calls("CreateTags");
    assertThat(tags).extracting(t -> t.get("ResourceId.1")).containsExactly(NEW_AMI, NEW_AMI_US);
    assertThat(aws.regions("CreateTags")).containsExactly("eu-west-1", "us-east-1");
    assertThat(tags.getFirst())
        .containsEntry("Tag.1.Key", "kubeherd:managed")
        .containsEntry("Tag.1.Value", "true")
        .containsValue("kubeherd:flatcar-version")
        .containsValue("4152.2.3");
    var puts = aws.ssmCalls("PutParameter");
    assertThat(puts)
        .extracting(p -> p.get("Value").asString())
        .containsExactly(NEW_AMI, NEW_AMI_US);
    assertThat(aws.ssmRegions("PutParameter")).containsExactly("eu-west-1", "us-east-1");
    assertThat(puts.getFirst().get("Name").asString()).isEqualTo("/kubeherd/prod/node/ami");
    assertThat(puts.getFirst().get("Overwrite").asBoolean()).isTrue();
    assertThat(puts.getFirst().get("Type").asString()).isEqualTo("String");
    assertThat(puts.getFirst().get("DataType").asString()).isEqualTo("aws:ec2:image");
    var labels = aws.ssmCalls("LabelParameterVersion");
    assertThat(labels).hasSize(2);
    assertThat(labels.getFirst().get("ParameterVersion").asLong()).isEqualTo(7);
    assertThat(labels.getFirst().get("Labels").get(0).asString()).isEqualTo("flatcar-4152.2.3");
  }

  @Test
  void noFlatcarImageForTheArchitectureNamesTheQueryWithExitCode3() throws Exception {
    aws.stub(
        aws.ec2("DescribeImages", images(null))
            .withRequestBody(containing("Filter.2.Value.1=arm64"))
            .atPriority(1));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    NoFlatcarImageException e =
        catchThrowableOfType(
            NoFlatcarImageException.class,
            () -> run(options(packer).arch(AmiArch.ARM64).channel(FlatcarChannel.BETA).build()));

    assertThat(e.exitCode()).isEqualTo(3);
    assertThat(e.getMessage())
        .contains("channel beta, version current, arch arm64, region eu-west-1")
        .contains("Flatcar-beta-*-arm64-hvm");
    assertThat(packer.ran()).isFalse();
  }

  @Test
  void anArm64BuildFindsFlatcarsArm64NamedImage() throws Exception {
    // Flatcar names arm64 AMIs Flatcar-<channel>-<version>-arm64-hvm (x86_64: ...-<version>-hvm)
    aws.stub(
        aws.ec2(
                "DescribeImages",
                images(
                    null,
                    image(
                        "ami-0arm64aaaaaaaaa1",
                        "Flatcar-stable-4152.2.3-arm64-hvm",
                        "2026-01-02T08:00:00.000Z",
                        "arm64"),
                    image(
                        "ami-0arm64aaaaaaaaa0",
                        "Flatcar-stable-4152.2.2-arm64-hvm",
                        "2025-12-15T08:00:00.000Z",
                        "arm64")))
            .withRequestBody(containing("Filter.2.Value.1=arm64"))
            .atPriority(1));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    AmiBuildReport report = run(options(packer).arch(AmiArch.ARM64).build());

    assertThat(aws.calls("DescribeImages").getFirst())
        .containsEntry("Filter.1.Value.1", "Flatcar-stable-*-arm64-hvm")
        .containsEntry("Filter.2.Value.1", "arm64");
    FlatcarImage source = report.source().orElseThrow();
    assertThat(source.imageId()).isEqualTo("ami-0arm64aaaaaaaaa1");
    assertThat(source.version()).isEqualTo("4152.2.3");
    assertThat(packer.vars())
        .containsEntry("source_ami", "ami-0arm64aaaaaaaaa1")
        .containsEntry("flatcar_version", "4152.2.3")
        .containsEntry("arch", "arm64")
        .containsEntry("instance_type", "t4g.small");
  }

  @Test
  void packerFailureExitsWithItsOutputAndChangesNoParameterTemplateOrGroup() throws Exception {
    FakePacker packer = FakePacker.failing(dir);

    PackerFailedException e =
        catchThrowableOfType(
            PackerFailedException.class,
            () ->
                run(
                    options(packer)
                        .ssmParameter("/kubeherd/prod/node/ami")
                        .launchTemplate("nodes")
                        .autoScalingGroup("nodes-a")
                        .startInstanceRefresh(true)
                        .keep(2)
                        .build()));

    assertThat(e.exitCode()).isEqualTo(4);
    assertThat(e.getMessage())
        .contains("packer build failed with exit code 1")
        .contains("UnauthorizedOperation: You are not authorized")
        .contains("no SSM parameter or launch template was changed");
    for (String change :
        List.of(
            "CreateTags",
            "CreateLaunchTemplateVersion",
            "ModifyLaunchTemplate",
            "StartInstanceRefresh",
            "DeregisterImage",
            "DeleteSnapshot")) {
      wm.verify(0, AwsStub.actionRequests(change));
    }
    wm.verify(0, AwsStub.ssmRequests("PutParameter"));
    wm.verify(0, AwsStub.ssmRequests("LabelParameterVersion"));
  }

  @Test
  void aPinnedReleaseIsLookedUpByItsExactName() throws Exception {
    aws.stub(
        aws.ec2(
                "DescribeImages",
                images(
                    null,
                    image(
                        "ami-0lts",
                        "Flatcar-lts-4081.3.6-hvm",
                        "2025-11-01T08:00:00.000Z",
                        "x86_64")))
            .withRequestBody(containing("Flatcar-lts-4081.3.6-hvm"))
            .atPriority(1));
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:" + NEW_AMI);

    AmiBuildReport report =
        run(options(packer).channel(FlatcarChannel.LTS).flatcarVersion("4081.3.6").build());

    assertThat(aws.calls("DescribeImages").getFirst())
        .containsEntry("Filter.1.Value.1", "Flatcar-lts-4081.3.6-hvm");
    assertThat(report.source().orElseThrow().imageId()).isEqualTo("ami-0lts");
    assertThat(packer.vars())
        .containsEntry("channel", "lts")
        .containsEntry("flatcar_version", "4081.3.6")
        .containsEntry("source_ami", "ami-0lts");
  }
}
