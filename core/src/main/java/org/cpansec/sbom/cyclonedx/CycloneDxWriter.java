package org.cpansec.sbom.cyclonedx;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.cpansec.sbom.SbomComponent;
import org.cpansec.sbom.SbomDocument;
import org.cpansec.sbom.SbomLink;
import org.cpansec.sbom.SbomWriter;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.OrganizationalContact;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

/** CycloneDX 1.6, JSON or XML. */
public final class CycloneDxWriter implements SbomWriter {
  /** The output encodings. */
  public enum Encoding {
    JSON,
    XML
  }

  private static final Version SPEC = Version.VERSION_16;
  private final Encoding encoding;

  public CycloneDxWriter(Encoding encoding) {
    this.encoding = encoding;
  }

  @Override
  public String write(SbomDocument document) {
    Bom bom = bom(document);
    try {
      String text =
          encoding == Encoding.JSON
              ? BomGeneratorFactory.createJson(SPEC, bom).toJsonString(true)
              : BomGeneratorFactory.createXml(SPEC, bom).toXmlString();
      return text.endsWith("\n") ? text : text + "\n";
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX generator failed: " + e.getMessage(), e);
    }
  }

  static Bom bom(SbomDocument document) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + document.stamp().serial());
    bom.setVersion(1);
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(document.stamp().created()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("cpansec");
    tool.setVersion(document.toolVersion());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    metadata.setComponent(component(document.root(), Component.Type.APPLICATION));
    bom.setMetadata(metadata);
    List<Component> components = new ArrayList<>();
    for (SbomComponent c : document.components()) {
      components.add(component(c, Component.Type.LIBRARY));
    }
    bom.setComponents(components);
    List<Dependency> dependencies = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : document.dependsOn().entrySet()) {
      Dependency d = new Dependency(e.getKey());
      e.getValue().forEach(to -> d.addDependency(new Dependency(to)));
      dependencies.add(d);
    }
    bom.setDependencies(dependencies);
    if (!document.vulnerabilities().isEmpty()) {
      bom.setVulnerabilities(
          document.vulnerabilities().stream().map(VulnerabilityMapper::vulnerability).toList());
    }
    return bom;
  }

  private static Component component(SbomComponent c, Component.Type type) {
    Component out = new Component();
    out.setType(type);
    out.setBomRef(c.ref());
    out.setName(c.name());
    c.version().ifPresent(out::setVersion);
    c.purl().ifPresent(p -> out.setPurl(p));
    c.description().ifPresent(out::setDescription);
    if (!c.authors().isEmpty()) {
      out.setAuthors(c.authors().stream().map(CycloneDxWriter::contact).toList());
    }
    c.license()
        .ifPresent(
            l -> {
              LicenseChoice choice = new LicenseChoice();
              choice.setExpression(new Expression(l));
              out.setLicenses(choice);
            });
    c.sha256().ifPresent(h -> out.addHash(new Hash(Hash.Algorithm.SHA_256, h)));
    for (SbomLink link : c.links()) {
      ExternalReference ref = new ExternalReference();
      ref.setType(typeOf(link.kind()));
      ref.setUrl(link.url());
      out.addExternalReference(ref);
    }
    List<Property> properties = new ArrayList<>();
    c.requirement().ifPresent(r -> properties.add(new Property("cpansec:requirement", r)));
    c.phases().forEach(p -> properties.add(new Property("cpansec:phase", p)));
    c.provides().forEach(m -> properties.add(new Property("cpansec:provides", m)));
    if (!properties.isEmpty()) {
      out.setProperties(properties);
    }
    return out;
  }

  /** META's "Name <email>" as a CycloneDX contact. */
  private static OrganizationalContact contact(String author) {
    OrganizationalContact contact = new OrganizationalContact();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(.*?)\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*").matcher(author);
    if (m.matches()) {
      contact.setName(m.group(1).isEmpty() ? m.group(2) : m.group(1));
      contact.setEmail(m.group(2));
    } else {
      contact.setName(author);
    }
    return contact;
  }

  private static ExternalReference.Type typeOf(SbomLink.Kind kind) {
    return switch (kind) {
      case RELEASE_PAGE -> ExternalReference.Type.WEBSITE;
      case DOWNLOAD -> ExternalReference.Type.DISTRIBUTION;
      case REPOSITORY -> ExternalReference.Type.VCS;
      case ISSUE_TRACKER -> ExternalReference.Type.ISSUE_TRACKER;
      case HOMEPAGE -> ExternalReference.Type.WEBSITE;
    };
  }
}
