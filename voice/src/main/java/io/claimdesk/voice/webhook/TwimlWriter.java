package io.claimdesk.voice.webhook;

import com.twilio.twiml.TwiML;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;

/**
 * Writes the SDK's TwiML model as the SDK's {@code TwiML.toXml()} does, with the SDK's own element builder
 * ({@code buildXmlElement}: tag names, attribute names, bodies, options) and the same transformer settings, but with
 * the XML factories, the document builder and the transformer made once per thread instead of once per answer:
 * {@code toXml()} looks both factories up through the service loader and builds a parser and a transformer each
 * time, about 50 kB of garbage and most of the writing's CPU per answer on the webhook Twilio waits for.
 * {@code TwimlWriterTest} holds the output to {@code toXml()}'s, byte for byte, for every answer claimdesk gives.
 */
final class TwimlWriter {
  /** The SDK's DOM builder; protected in {@link TwiML}, which offers no other way to reuse its model. */
  private static final Method BUILD_ELEMENT = buildElementMethod();
  private static final DocumentBuilderFactory DOCUMENTS = DocumentBuilderFactory.newInstance();
  private static final TransformerFactory TRANSFORMERS = transformerFactory();
  private static final ThreadLocal<Tools> TOOLS = ThreadLocal.withInitial(Tools::create);

  private TwimlWriter() {}

  /** The TwiML of {@code twiml} as {@code twiml.toXml()} writes it. */
  static String write(TwiML twiml) {
    Tools tools = TOOLS.get();
    Document doc = tools.documents().newDocument();
    doc.setXmlStandalone(true);
    try {
      doc.appendChild((org.w3c.dom.Node) BUILD_ELEMENT.invoke(twiml, doc));
      StringWriter out = new StringWriter(512);
      tools.transformer().transform(new DOMSource(doc), new StreamResult(out));
      return out.toString().trim();
    } catch (IllegalAccessException | InvocationTargetException | TransformerException e) {
      TOOLS.remove(); // a transformer that failed half-way is not reused
      throw new IllegalStateException("TwiML could not be written", e);
    }
  }

  private record Tools(DocumentBuilder documents, Transformer transformer) {
    static Tools create() {
      try {
        Transformer transformer;
        synchronized (TRANSFORMERS) { // factories are not thread-safe; the transformers they make are per thread
          transformer = TRANSFORMERS.newTransformer();
        }
        transformer.setOutputProperty(OutputKeys.INDENT, "no");
        DocumentBuilder documents;
        synchronized (DOCUMENTS) {
          documents = DOCUMENTS.newDocumentBuilder();
        }
        return new Tools(documents, transformer);
      } catch (ParserConfigurationException | TransformerConfigurationException e) {
        throw new IllegalStateException("no XML writer for TwiML", e);
      }
    }
  }

  /** Configured as {@code toXml()} configures its factory. */
  private static TransformerFactory transformerFactory() {
    TransformerFactory factory = TransformerFactory.newInstance();
    try {
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    } catch (IllegalArgumentException e) {
      // as in the SDK: a factory without these attributes is used as it is
    }
    return factory;
  }

  private static Method buildElementMethod() {
    try {
      Method method = TwiML.class.getDeclaredMethod("buildXmlElement", Document.class);
      method.setAccessible(true);
      return method;
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
