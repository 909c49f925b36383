package dev.kubeherd.toolkit.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kubeherd.core.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;

/**
 * EC2 (query protocol, XML in the 2016-11-15 namespace), Auto Scaling (query protocol, XML in the
 * 2011-01-01 namespace) and SSM (JSON 1.1, {@code X-Amz-Target}) on one WireMock server, as the AWS
 * SDK v2 sees them through {@code endpointOverride}; plus readers for the requests it received.
 */
final class AwsStub {
  static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final String ASG_NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
  private static final Pattern REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/");
  private final WireMockExtension wm;

  AwsStub(WireMockExtension wm) {
    this.wm = wm;
  }

  /** Clients for the stub with static test credentials (never real ones). */
  AwsClients clients() {
    return new AwsClients(
        Optional.of(URI.create(wm.baseUrl())),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")));
  }

  // ---- stubbing

  /** An EC2 action answering {@code inner} inside its response element. */
  MappingBuilder ec2(String action, String inner) {
    return post(urlEqualTo("/"))
        .withRequestBody(containing("Action=" + action + "&"))
        .willReturn(xml(ec2Response(action, inner)));
  }

  static String ec2Response(String action, String inner) {
    return "<"
        + action
        + "Response xmlns=\""
        + EC2_NS
        + "\">"
        + "<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>"
        + inner
        + "</"
        + action
        + "Response>";
  }

  /** An Auto Scaling action answering {@code inner} inside its result element. */
  MappingBuilder autoScaling(String action, String inner) {
    return post(urlEqualTo("/"))
        .withRequestBody(containing("Action=" + action + "&"))
        .willReturn(xml(asgResponse(action, inner)));
  }

  static String asgResponse(String action, String inner) {
    return "<"
        + action
        + "Response xmlns=\""
        + ASG_NS
        + "\">"
        + "<"
        + action
        + "Result>"
        + inner
        + "</"
        + action
        + "Result>"
        + "<ResponseMetadata><RequestId>a8d4a9e2-1f0e-11e8-9b1a-EXAMPLE</RequestId></ResponseMetadata>"
        + "</"
        + action
        + "Response>";
  }

  /** An SSM action answering {@code json}. */
  MappingBuilder ssm(String action, String json) {
    return post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AmazonSSM." + action))
        .willReturn(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(json));
  }

  /** An EC2 error response, e.g. {@code InvalidLaunchTemplateName.NotFoundException}. */
  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ec2Error(
      int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withBody(
            "<Response><Errors><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error></Errors><RequestID>5f4c3b2a-EXAMPLE</RequestID></Response>");
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withBody(body);
  }

  void stub(MappingBuilder mapping) {
    wm.stubFor(mapping);
  }

  // ---- fixtures

  static String image(String id, String name, String created, String arch, String... snapshots) {
    StringBuilder devices = new StringBuilder();
    for (int i = 0; i < snapshots.length; i++) {
      devices
          .append("<item><deviceName>/dev/xvd")
          .append((char) ('a' + i))
          .append("</deviceName>")
          .append("<ebs><snapshotId>")
          .append(snapshots[i])
          .append("</snapshotId>")
          .append("<volumeSize>20</volumeSize><deleteOnTermination>true</deleteOnTermination>")
          .append("<volumeType>gp3</volumeType><encrypted>true</encrypted></ebs></item>");
    }
    return "<item><imageId>"
        + id
        + "</imageId>"
        + "<imageLocation>075585003325/"
        + name
        + "</imageLocation>"
        + "<imageState>available</imageState><imageOwnerId>075585003325</imageOwnerId>"
        + "<creationDate>"
        + created
        + "</creationDate><isPublic>true</isPublic>"
        + "<architecture>"
        + arch
        + "</architecture><imageType>machine</imageType>"
        + "<name>"
        + name
        + "</name><rootDeviceType>ebs</rootDeviceType>"
        + "<rootDeviceName>/dev/xvda</rootDeviceName>"
        + "<blockDeviceMapping>"
        + devices
        + "</blockDeviceMapping>"
        + "<virtualizationType>hvm</virtualizationType><hypervisor>xen</hypervisor></item>";
  }

  static String images(String nextToken, String... items) {
    return "<imagesSet>"
        + String.join("", items)
        + "</imagesSet>"
        + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>");
  }

  static String launchTemplate(String id, String name, long defaultVersion, long latestVersion) {
    return "<launchTemplates><item><createTime>2026-01-05T10:00:00.000Z</createTime>"
        + "<createdBy>arn:aws:iam::123456789012:role/ops</createdBy>"
        + "<defaultVersionNumber>"
        + defaultVersion
        + "</defaultVersionNumber>"
        + "<latestVersionNumber>"
        + latestVersion
        + "</latestVersionNumber>"
        + "<launchTemplateId>"
        + id
        + "</launchTemplateId>"
        + "<launchTemplateName>"
        + name
        + "</launchTemplateName></item></launchTemplates>";
  }

  static String templateVersion(
      String id, String name, long version, String imageId, String description, boolean isDefault) {
    return "<item><createTime>2026-01-05T10:00:00.000Z</createTime>"
        + "<createdBy>arn:aws:iam::123456789012:role/ops</createdBy>"
        + "<defaultVersion>"
        + isDefault
        + "</defaultVersion>"
        + "<launchTemplateData><imageId>"
        + imageId
        + "</imageId>"
        + "<instanceType>m6i.large</instanceType></launchTemplateData>"
        + "<launchTemplateId>"
        + id
        + "</launchTemplateId>"
        + "<launchTemplateName>"
        + name
        + "</launchTemplateName>"
        + (description == null
            ? ""
            : "<versionDescription>" + description + "</versionDescription>")
        + "<versionNumber>"
        + version
        + "</versionNumber></item>";
  }

  static String group(String name, String templateId, String templateName, String version) {
    return "<member><AutoScalingGroupName>"
        + name
        + "</AutoScalingGroupName>"
        + "<AutoScalingGroupARN>arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:"
        + "0f6c2b4e-EXAMPLE:autoScalingGroupName/"
        + name
        + "</AutoScalingGroupARN>"
        + (templateName == null
            ? "<LaunchConfigurationName>" + templateId + "</LaunchConfigurationName>"
            : "<LaunchTemplate><LaunchTemplateId>"
                + templateId
                + "</LaunchTemplateId>"
                + "<LaunchTemplateName>"
                + templateName
                + "</LaunchTemplateName>"
                + "<Version>"
                + version
                + "</Version></LaunchTemplate>")
        + "<MinSize>2</MinSize><MaxSize>6</MaxSize><DesiredCapacity>3</DesiredCapacity>"
        + "<DefaultCooldown>300</DefaultCooldown>"
        + "<AvailabilityZones><member>eu-west-1a</member><member>eu-west-1b</member></AvailabilityZones>"
        + "<HealthCheckType>EC2</HealthCheckType><HealthCheckGracePeriod>300</HealthCheckGracePeriod>"
        + "<CreatedTime>2026-01-05T10:00:00.000Z</CreatedTime>"
        + "<VPCZoneIdentifier>subnet-0a1b2c3d,subnet-4e5f6a7b</VPCZoneIdentifier></member>";
  }

  static String groups(String... members) {
    return "<AutoScalingGroups>" + String.join("", members) + "</AutoScalingGroups>";
  }

  static String refresh(String group, String id, String status, int percent, String reason) {
    return "<InstanceRefreshes><member><InstanceRefreshId>"
        + id
        + "</InstanceRefreshId>"
        + "<AutoScalingGroupName>"
        + group
        + "</AutoScalingGroupName>"
        + "<Status>"
        + status
        + "</Status>"
        + (reason == null ? "" : "<StatusReason>" + reason + "</StatusReason>")
        + "<StartTime>2026-01-05T10:00:00Z</StartTime>"
        + "<PercentageComplete>"
        + percent
        + "</PercentageComplete>"
        + "<InstancesToUpdate>"
        + (3 - 3 * percent / 100)
        + "</InstancesToUpdate>"
        + "</member></InstanceRefreshes>";
  }

  // ---- reading requests

  /** The form parameters of every request of an EC2 or Auto Scaling action, in order. */
  List<Map<String, String>> calls(String action) {
    return wm.findAll(actionRequests(action)).stream().map(AwsStub::form).toList();
  }

  /** The regions (from the SigV4 credential scope) of every request of an action. */
  List<String> regions(String action) {
    return wm.findAll(actionRequests(action)).stream().map(AwsStub::region).toList();
  }

  /** The JSON bodies of every SSM request of an action. */
  List<JsonNode> ssmCalls(String action) {
    return wm.findAll(ssmRequests(action)).stream()
        .map(r -> Json.MAPPER.readTree(r.getBodyAsString()))
        .toList();
  }

  List<String> ssmRegions(String action) {
    return wm.findAll(ssmRequests(action)).stream().map(AwsStub::region).toList();
  }

  static RequestPatternBuilder actionRequests(String action) {
    return postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
  }

  static RequestPatternBuilder ssmRequests(String action) {
    return postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AmazonSSM." + action));
  }

  static Map<String, String> form(LoggedRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(key), decode(value));
    }
    return params;
  }

  static String region(LoggedRequest request) {
    Matcher m = REGION.matcher(request.getHeader("Authorization"));
    return m.find() ? m.group(1) : "?";
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
