package dev.kubeherd.core;

/** No webhook delivery with that ID was ever stored. */
public class DeliveryNotFoundException extends KubeherdException {
  public DeliveryNotFoundException(String message) {
    super(message);
  }
}
