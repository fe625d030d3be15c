/**
 * The public API of the ZRE engine: {@link dev.zre.ZreNode}, {@link dev.zre.ZreConfig},
 * {@link dev.zre.ZreEvent}, the peer snapshots and statistics, {@link dev.zre.PeerId} for showing
 * and reading ids, {@link dev.zre.InvalidZreSettingException} for rejected settings, and
 * {@link dev.zre.ZreBeaconMonitor} for listening to beacons without taking part. Front-ends use
 * this package only; the other packages of zre-core are internal.
 */
@NullMarked
package dev.zre;

import org.jspecify.annotations.NullMarked;
